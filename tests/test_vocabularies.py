"""Every vocabulary loads, has no duplicate keys, and every row can match: each entry, written out
as an article would print it, is found by the code that uses the vocabulary and given its own name."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from src.common.vocab import VOCABULARY_DIR, VocabularyError, split_values, vocabulary

EXPECTED_COLUMNS = {
    "places": {"name", "kind", "parent", "canonical"},
    "funders": {"funder", "kind", "scope", "aliases", "generic", "holders"},
    "programmes": {"programme", "aliases", "acronym", "owner", "first_year", "match_case", "pattern"},
    "metrics": {"metric", "category", "unit", "knife_metric", "phrasings", "exclude"},
    "crime_terms": {"term", "kind", "unit", "metric"},
    "furniture": {"phrase", "kind"},
    "devolved": {"alias", "nation", "funder"},
    "export_markers": {"kind", "pattern", "note"},
}


def _duplicates(values: list[str]) -> list[str]:
    return [v for v, n in Counter(values).items() if n > 1]


def test_the_vocabulary_folder_holds_exactly_the_known_files_each_with_a_header_comment() -> None:
    assert {p.stem for p in VOCABULARY_DIR.glob("*.csv")} == set(EXPECTED_COLUMNS)
    for name, columns in EXPECTED_COLUMNS.items():
        text = (VOCABULARY_DIR / f"{name}.csv").read_text(encoding="utf-8")
        assert text.startswith("#"), f"{name}.csv must open with a comment saying what a row means"
        rows = vocabulary(name)
        assert rows, name
        assert set(rows[0]) == columns, name


def test_a_row_with_too_many_cells_is_refused(tmp_path, monkeypatch) -> None:
    from src.common import vocab

    (tmp_path / "broken.csv").write_text("# test\na,b\n1,2,3\n", encoding="utf-8")
    monkeypatch.setattr(vocab, "VOCABULARY_DIR", tmp_path)
    with pytest.raises(VocabularyError, match="row 2"):
        vocab.vocabulary("broken")
    with pytest.raises(VocabularyError, match="no vocabulary"):
        vocab.vocabulary("absent")


def test_places_have_unique_names_known_kinds_and_canonicals_that_exist() -> None:
    rows = vocabulary("places")
    names = [r["name"] for r in rows]
    assert not _duplicates(names)
    assert {r["kind"] for r in rows} <= {"nation", "region", "police force area", "city", "town", "local authority", "london borough",
                                         "london district", "description"}
    for r in rows:
        assert r["canonical"] == "" or r["canonical"] in names, r
        assert r["parent"] == "" or r["parent"] in names or r["parent"] == "London", r
        if r["kind"] != "description":
            assert r["name"][0].isupper(), f"{r['name']}: place names are matched only when capitalised"


def test_every_place_is_found_as_itself() -> None:
    from src.claims.gazetteer import places_in

    for r in vocabulary("places"):
        text = f"Figures for {r['name']} were published."
        assert places_in(text) == [r["canonical"] or r["name"]], r["name"]


def test_funders_have_unique_names_and_aliases_and_each_alias_is_found_as_its_funder() -> None:
    from src.claims.entities import find_funders

    rows = vocabulary("funders")
    assert not _duplicates([r["funder"] for r in rows])
    aliases = [a for r in rows for a in split_values(r["aliases"])]
    assert not _duplicates(aliases), "an alias listed twice can only ever match the first row"
    for r in rows:
        for alias in split_values(r["aliases"]) or [r["funder"]]:
            found = find_funders(f"Money from {alias} was announced.")
            assert [m.name for m in found] == [r["funder"]], (alias, found)


def test_programmes_have_unique_names_and_each_is_found_by_its_names() -> None:
    from src.claims.entities import canonical_programme, find_programmes

    rows = vocabulary("programmes")
    names = [r["programme"] for r in rows]
    assert not _duplicates(names)
    all_aliases = [a.lower() for r in rows for a in split_values(r["aliases"]) + split_values(r["acronym"])]
    assert not _duplicates(all_aliases + [n.lower() for n in names]), "a name listed twice only ever matches once"
    for r in rows:
        assert r["first_year"] == "" or re.fullmatch(r"(?:19|20)\d{2}", r["first_year"]), r
        assert r["match_case"] in ("", "yes"), r
        if r["pattern"]:
            re.compile(r["pattern"])
            continue
        for name in [r["programme"], *split_values(r["aliases"]), *split_values(r["acronym"])]:
            found = find_programmes(f"Money for the {name} was announced.")
            assert [m.name for m in found] == [r["programme"]], (name, found)
            assert canonical_programme(name) == r["programme"], name


def test_metrics_have_unique_phrasings_and_each_phrasing_is_its_metric() -> None:
    from src.claims.outcomes import _metrics

    rows = vocabulary("metrics")
    assert not _duplicates([r["metric"] for r in rows])
    phrasings = [p.lower() for r in rows for p in split_values(r["phrasings"])]
    assert not _duplicates(phrasings), "a phrasing listed twice only ever matches the first metric"
    for r in rows:
        for phrase in split_values(r["phrasings"]):
            sentence = f"The figures show {phrase} went up."
            found = [name for _, _, name in _metrics(sentence)]
            assert found[:1] == [r["metric"]], (phrase, found)
        for excluded in split_values(r["exclude"]):
            found = [name for _, _, name in _metrics(f"The {excluded} met.")]
            assert r["metric"] not in found, (excluded, found)


def test_furniture_phrases_are_in_the_form_lines_are_compared_in() -> None:
    from src.clean.lines import _key

    rows = vocabulary("furniture")
    assert {r["kind"] for r in rows} <= {"label", "section", "meta", "phrase", "credit", "credit start", "lead in", "prompt", "banner", "teaser", "desk"}
    assert not _duplicates([(r["phrase"], r["kind"]) for r in rows])
    for r in rows:
        assert _key(r["phrase"]) == r["phrase"], f"{r['phrase']!r} can never equal a line key"


def test_devolved_names_are_funder_aliases_nations_and_funders_that_exist() -> None:
    funders = {r["funder"]: set(r["aliases"].split("|")) for r in vocabulary("funders")}
    aliases = set().union(*funders.values())
    nations = {r["canonical"] or r["name"] for r in vocabulary("places") if r["kind"] == "nation"}
    for row in vocabulary("devolved"):
        assert row["alias"] in aliases, f"{row['alias']!r} is not an alias in funders.csv"
        assert row["nation"] in nations, row["nation"]
        assert row["funder"] in funders, row["funder"]
