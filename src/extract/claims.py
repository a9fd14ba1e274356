"""Stage 2: cleaned articles -> funding, outcomes, quotes, programmes and the union of claims.

claim_ids are digests of the article, the sentence and what was claimed, so the same input gives
the same ids on every run.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from src.extract.entities import acronym_aliases, find_programmes
from src.extract.funding import extract_funding
from src.extract.gazetteer import places_in
from src.extract.outcomes import extract_outcomes
from src.extract.quotes import extract_quotes
from src.schema import read_table, write_table

POLICY_VERBS = re.compile(
    r"\b(?:launch\w*|introduc\w*|set up|sets up|establish\w*|expand\w*|extend\w*|extension|announc\w*|pilot\w*|"
    r"trial\w*|roll(?:ed|ing)? out|deploy\w*|creat\w*|plans?|planned|commits?|committed|outlined|sets? out|"
    r"running|run|led|working|works)\b", re.I)

FUNDING_COLUMNS = ["claim_id", "article_id", "sentence_no", "amount_gbp", "amount_low_gbp", "amount_text", "funder",
                   "programme", "place", "period", "status", "part_of", "sentence"]
OUTCOME_COLUMNS = ["claim_id", "article_id", "sentence_no", "metric", "place", "direction", "magnitude", "change",
                   "period", "sentence"]
QUOTE_COLUMNS = ["quote_id", "article_id", "speaker", "role", "quote"]
CLAIM_COLUMNS = ["claim_id", "article_id", "claim_type", "subject", "sentence_no", "sentence"]
PROGRAMME_COLUMNS = ["programme", "aliases", "article_ids", "places", "mentions", "funding_claims",
                     "funding_total_gbp"]


def claim_id(kind: str, *parts: object) -> str:
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]
    return f"{kind}-{digest}"


@dataclass
class Tables:
    funding: pd.DataFrame
    outcomes: pd.DataFrame
    quotes: pd.DataFrame
    claims: pd.DataFrame
    programmes: pd.DataFrame


def tabulate(articles: pd.DataFrame, sentences: pd.DataFrame) -> Tables:
    funding_rows: list[dict] = []
    outcome_rows: list[dict] = []
    quote_rows: list[dict] = []
    policy_rows: list[dict] = []
    mentions: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"aliases": set(), "articles": set(),
                                                                    "places": set(), "n": set()})
    by_article = {aid: grp.sort_values("sentence_no")["text"].tolist()
                  for aid, grp in sentences.groupby("article_id", sort=False)}
    for art in articles.itertuples(index=False):
        sents = by_article.get(art.article_id, [])
        body = art.body
        aliases = acronym_aliases(body)
        funding = extract_funding(art.article_id, sents)
        ids = [claim_id("F", art.article_id, r.sentence_no, r.money.start, r.money.text) for r in funding]
        for cid, r in zip(ids, funding):
            funding_rows.append({
                "claim_id": cid, "article_id": art.article_id, "sentence_no": r.sentence_no,
                "amount_gbp": r.money.amount, "amount_low_gbp": r.money.low, "amount_text": r.money.text,
                "funder": r.funder, "programme": r.programme, "place": r.place, "period": r.period,
                "status": r.status, "part_of": ids[r.part_of_index] if r.part_of_index is not None else "",
                "sentence": r.sentence})
        for r in extract_outcomes(art.article_id, sents, body):
            outcome_rows.append({
                "claim_id": claim_id("O", art.article_id, r.sentence_no, r.metric, r.direction),
                "article_id": art.article_id, "sentence_no": r.sentence_no, "metric": r.metric, "place": r.place,
                "direction": r.direction, "magnitude": r.magnitude, "change": r.change, "period": r.period,
                "sentence": r.sentence})
        for k, q in enumerate(extract_quotes(art.article_id, body.split("\n"))):
            quote_rows.append({"quote_id": claim_id("Q", art.article_id, k, q.speaker, q.quote[:80]),
                               "article_id": art.article_id, "speaker": q.speaker, "role": q.role, "quote": q.quote})
        funded = {(r.sentence_no, r.programme) for r in funding}
        for no, sentence in enumerate(sents, start=1):
            found = find_programmes(sentence)
            for p in found:
                name = aliases.get(p.name, p.name)
                entry = mentions[name]
                entry["aliases"].add(sentence[p.start:p.end])
                entry["articles"].add(art.article_id)
                entry["places"].update(places_in(sentence))
                entry["n"].add(f"{art.article_id}:{no}")
            for name in dict.fromkeys(aliases.get(p.name, p.name) for p in found):
                if (no, name) in funded or not POLICY_VERBS.search(sentence):
                    continue
                policy_rows.append({"claim_id": claim_id("P", art.article_id, no, name), "article_id": art.article_id,
                                    "claim_type": "policy", "subject": name, "sentence_no": no, "sentence": sentence})
        for acr, full in aliases.items():
            if full in mentions:
                mentions[full]["aliases"].add(acr)

    funding_df = pd.DataFrame(funding_rows, columns=FUNDING_COLUMNS)
    outcomes_df = pd.DataFrame(outcome_rows, columns=OUTCOME_COLUMNS)
    claims_df = pd.concat([
        pd.DataFrame({"claim_id": funding_df["claim_id"], "article_id": funding_df["article_id"],
                      "claim_type": "funding",
                      "subject": (funding_df["amount_text"] + " " + funding_df["programme"]).str.strip(),
                      "sentence_no": funding_df["sentence_no"], "sentence": funding_df["sentence"]}),
        pd.DataFrame({"claim_id": outcomes_df["claim_id"], "article_id": outcomes_df["article_id"],
                      "claim_type": "outcome",
                      "subject": outcomes_df["metric"] + " " + outcomes_df["direction"],
                      "sentence_no": outcomes_df["sentence_no"], "sentence": outcomes_df["sentence"]}),
        pd.DataFrame(policy_rows, columns=CLAIM_COLUMNS),
    ], ignore_index=True)[CLAIM_COLUMNS]
    return Tables(funding_df, outcomes_df, pd.DataFrame(quote_rows, columns=QUOTE_COLUMNS), claims_df,
                  programme_table(mentions, funding_df))


def funding_total(rows: pd.DataFrame, top_level_only: bool = True) -> float:
    """Money without double counting: the same amount for the same programme reported by several
    articles is one amount; and, when adding across programmes (``top_level_only``), shares
    (``part_of``) are left out because their parent already holds them."""
    if top_level_only:
        rows = rows[rows["part_of"].fillna("") == ""]
    return float(rows.drop_duplicates(subset=["programme", "amount_gbp"])["amount_gbp"].sum())


def programme_table(mentions: dict[str, dict[str, set[str]]], funding: pd.DataFrame) -> pd.DataFrame:
    names = set(mentions) | set(funding["programme"].replace("", pd.NA).dropna())
    rows = []
    for name in sorted(names):
        entry = mentions.get(name, {"aliases": set(), "articles": set(), "places": set(), "n": set()})
        money = funding[funding["programme"] == name]
        articles = set(entry["articles"]) | set(money["article_id"])
        places = set(entry["places"]) | set(money["place"].replace("", pd.NA).dropna())
        rows.append({"programme": name, "aliases": "; ".join(sorted(a for a in entry["aliases"] if a != name)),
                     "article_ids": "; ".join(sorted(articles)), "places": "; ".join(sorted(places)),
                     "mentions": len(entry["n"]), "funding_claims": len(money),
                     "funding_total_gbp": funding_total(money, top_level_only=False) if len(money) else None})
    return pd.DataFrame(rows, columns=PROGRAMME_COLUMNS)


def save_tables(tables: Tables, processed_dir: Path) -> list[Path]:
    """Write the stage-2 tables (validated against their schemas)."""
    return [write_table(tables.funding, processed_dir, "funding.csv"),
            write_table(tables.outcomes, processed_dir, "outcomes.csv"),
            write_table(tables.quotes, processed_dir, "quotes.csv"),
            write_table(tables.claims, processed_dir, "claims.csv"),
            write_table(tables.programmes, processed_dir, "programmes.csv")]


def load_tables(processed_dir: Path) -> Tables:
    return Tables(*(read_table(processed_dir, f"{n}.csv")
                    for n in ("funding", "outcomes", "quotes", "claims", "programmes")))
