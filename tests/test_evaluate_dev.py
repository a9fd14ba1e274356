"""The dev-corpus scorer follows the matching rules of data/gold/dev/README.md."""
from __future__ import annotations

import pandas as pd

from src.evaluate.dev import load_dev_gold, score_cleaning, score_funding, score_outcomes, score_quotes

GOLD = [{
    "file": "p1.txt", "title": "Money for youth clubs", "published": "2020-01-02",
    "lines": [["title", "Money for youth clubs"], ["boilerplate", "Skip Ad"], ["content", "The council gave £2m."]],
    "funding": [{"amount_gbp": 2000000, "funder": "Camden Council|council", "programme": "Youth Safety Fund"}],
    "outcomes": [{"metric": "knife crime|offences involving a knife", "direction": "down|none", "optional": False},
                 {"metric": "violent crime", "direction": "down", "optional": True}],
    "quotes": [{"speaker": "Jo Smith", "role": "leader", "text_start": "We are proud of this work today"}],
}]


def test_cleaning_counts_lines_in_and_out_of_the_body() -> None:
    arts = pd.DataFrame([{"article_id": "p1", "body": "The council gave £2m.\nSkip Ad", "title": "Money for youth clubs",
                          "published": "2020-01-03"}])
    s = score_cleaning(GOLD, arts)
    assert (s["boilerplate_removed"], s["content_kept"], s["title_right"]) == (0.0, 1.0, 1.0)
    assert (s["date_found"], s["date_wrong"]) == (0.0, 1)


def test_funding_matches_amounts_and_alternative_names() -> None:
    pred = pd.DataFrame([{"article_id": "p1", "amount_gbp": 2e6, "funder": "Camden Council", "programme": ""},
                         {"article_id": "p1", "amount_gbp": 5e5, "funder": "", "programme": ""}])
    t = score_funding(GOLD, pred)
    assert (t.gold, t.predicted, t.matched) == (1, 2, 1)
    assert t.extra == {"funder_right": 1, "programme_right": 0, "both_right": 0}


def test_optional_outcomes_are_neither_required_nor_errors() -> None:
    pred = pd.DataFrame([{"article_id": "p1", "metric": "violent crime", "direction": "down"},
                         {"article_id": "p1", "metric": "offences involving a knife", "direction": "none"},
                         {"article_id": "p1", "metric": "robbery", "direction": "up"}])
    t = score_outcomes(GOLD, pred)
    assert (t.gold, t.predicted, t.matched) == (1, 2, 1)


def test_quotes_match_on_surname_and_first_five_words() -> None:
    pred = pd.DataFrame([{"article_id": "p1", "speaker": "Cllr Jo Smith", "quote": "We are proud of this, she said"},
                         {"article_id": "p1", "speaker": "Ann Lee", "quote": "We are proud of this work"}])
    t = score_quotes(GOLD, pred)
    assert (t.gold, t.predicted, t.matched) == (1, 2, 1)


def test_the_dev_corpus_in_the_project_is_the_shared_one_and_stays_out_of_raw() -> None:
    from src.common.paths import DEFAULT_RAW_DIR, REPO_ROOT

    gold = load_dev_gold()
    assert len(gold) == 26
    shared = REPO_ROOT.parent / "shared" / "data" / "dev" / "gold.json"
    if shared.is_file():  # in CI the shared folder may be absent; the copy is what the project uses
        assert shared.read_bytes() == (REPO_ROOT / "data" / "gold" / "dev" / "gold.json").read_bytes()
    raw_names = {p.name for p in DEFAULT_RAW_DIR.rglob("*") if p.is_file()}
    assert not raw_names & {g["file"] for g in gold}


def test_the_recorded_dev_claim_scores_are_current() -> None:
    """The report shows data/gold/dev/claim_scores.json: it must be what the code scores today
    (run `make evaluate` after changing the extraction)."""
    import json

    from src.evaluate.report import DEV_CLAIM_SCORES, dev_claim_scores

    assert json.loads(DEV_CLAIM_SCORES.read_text(encoding="utf-8")) == dev_claim_scores(workers=1)


def test_a_short_boilerplate_line_is_kept_only_where_it_stands_as_a_line() -> None:
    gold = [{"file": "p2.txt", "title": None, "published": None,
             "lines": [["boilerplate", "National"], ["boilerplate", "  • /"], ["boilerplate", "Share this"],
                       ["content", "Figures from the Office for National Statistics / ONS show a fall."]]}]
    removed = pd.DataFrame([{"article_id": "p2", "body": "Figures from the Office for National Statistics / ONS show "
                             "a fall.", "title": "", "published": ""}])
    kept = pd.DataFrame([{"article_id": "p2", "body": "National\n- /\nFigures from the Office for National Statistics "
                          "/ ONS show a fall.\nShare this", "title": "", "published": ""}])
    assert (score_cleaning(gold, removed)["boilerplate_removed"], score_cleaning(gold, removed)["content_kept"]) == (1, 1)
    assert score_cleaning(gold, kept)["boilerplate_removed"] == 0.0


def test_an_outcome_matches_the_metric_its_gold_names_in_other_words() -> None:
    gold = [{"file": "p3.txt", "outcomes": [
        {"metric": "attempts to kill involving a knife or sharp instrument", "direction": "none", "optional": False},
        {"metric": "knife killings|killings", "direction": "none", "optional": False}]}]
    pred = pd.DataFrame([{"article_id": "p3", "metric": "attempted murders involving a knife", "direction": "none"},
                         {"article_id": "p3", "metric": "homicide", "direction": "none"},
                         {"article_id": "p3", "metric": "robbery", "direction": "none"}])
    assert (score_outcomes(gold, pred).matched, score_outcomes(gold, pred).predicted) == (2, 3)
    # written in other words, neither counts when the words must be the same; "attempted murder" is
    # never "homicide" either way
    assert score_outcomes(gold, pred, same_words=True).matched == 0
    other = pd.DataFrame([{"article_id": "p3", "metric": "attempted murder", "direction": "none"}])
    assert score_outcomes(gold, other).matched == 0


def test_a_funder_matches_under_another_of_its_names() -> None:
    gold = [{"file": "p4.txt", "funding": [{"amount_gbp": 750000, "funder": "VRU|City Hall", "programme": "MyEnds"}]}]
    t = score_funding(gold, pd.DataFrame([{"article_id": "p4", "amount_gbp": 750000.0, "funder": "Mayor of London",
                                           "programme": "MyEnds"}]))
    assert t.extra == {"funder_right": 1, "programme_right": 1, "both_right": 1}
    t = score_funding(gold, pd.DataFrame([{"article_id": "p4", "amount_gbp": 750000.0, "funder": "Home Office",
                                           "programme": "MyEnds"}]))
    assert t.extra["funder_right"] == 0


def test_the_dev_pages_go_through_the_table_schemas(tmp_path) -> None:
    """The dev pages are real pages from 26 sites: every table built from them must pass its schema
    when written (two figures for one metric in one sentence once gave two outcome rows one id)."""
    from src.clean.articles import clean_corpus, save_corpus
    from src.claims.tables import save_tables, tabulate
    from src.evaluate.dev import DEV_DIR

    corpus = clean_corpus(DEV_DIR / "raw", workers=1)
    written = save_corpus(corpus, tmp_path) + save_tables(tabulate(corpus.articles, corpus.sentences, workers=1),
                                                           tmp_path)
    assert {p.name for p in written} >= {"articles.csv", "sentences.csv", "funding.csv", "outcomes.csv",
                                         "quotes.csv", "claims.csv", "programmes.csv"}
    outcomes = pd.read_csv(tmp_path / "outcomes.csv")
    assert len(outcomes) > 50 and outcomes["claim_id"].is_unique
