"""The sentence or two that opens each section of the report, computed from the section's table so
that a reader who only skims still gets the finding. No number here is ever written by hand."""
from __future__ import annotations

import pandas as pd

from src.claims.tables import funding_total


def money(amount: float) -> str:
    """£ as a reader writes it: £250,000, £3.6m, £1.2bn."""
    if amount >= 1e9:
        return f"£{amount / 1e9:,.1f}bn".replace(".0bn", "bn")
    if amount >= 1e6:
        return f"£{amount / 1e6:,.1f}m".replace(".0m", "m")
    return f"£{amount:,.0f}"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _largest(rows: pd.DataFrame, by: str) -> tuple[str, float] | None:
    """The ``by`` value (funder, programme) with the most money, shares and repeats counted once."""
    named = rows[rows[by].fillna("") != ""]
    if named.empty:
        return None
    # funding_total of each group in one pass (a groupby of 70 funders cost 0.2 s at 10,000 articles):
    # shares left out, the same amount for the same programme counted once within the group
    top = named[named["part_of"].fillna("") == ""]
    once = top.drop_duplicates(subset=list(dict.fromkeys([by, "programme", "amount_gbp"])))
    sums = {name: float(group.sum()) for name, group in once.groupby(by, sort=True)["amount_gbp"]}
    if not sums:
        return None
    name = max(sums, key=lambda k: (sums[k], -len(k)))  # ties: the shorter, then the first in order
    return (name, sums[name]) if sums[name] > 0 else None


def funding_summary(funding: pd.DataFrame) -> str:
    if funding.empty:
        return "No amount of funding or spending was found in these articles."
    n_articles = funding["article_id"].nunique()
    text = (f"{_plural(len(funding), 'funding claim')} in {_plural(n_articles, 'article')} add up to "
            f"{money(funding_total(funding))}, with shares of a larger amount and the same amount reported twice "
            "counted once.")
    funder, programme = _largest(funding, "funder"), _largest(funding, "programme")
    parts = [f"Largest funder named: {funder[0]} ({money(funder[1])})." if funder else "",
             f"Programme with the most money: {programme[0]} ({money(programme[1])})." if programme else ""]
    return " ".join(p for p in [text, *parts] if p)


def outcomes_summary(outcomes: pd.DataFrame) -> str:
    if outcomes.empty:
        return "No statement of how crime changed or stands was found in these articles."
    direction = outcomes["direction"].fillna("")
    text = (f"{_plural(len(outcomes), 'crime-figure claim')} in {_plural(outcomes['article_id'].nunique(), 'article')}:"
            f" {(direction == 'up').sum():,} say crime went up, {(direction == 'down').sum():,} say it went down and "
            f"{(direction == 'none').sum():,} state a level.")
    change = pd.to_numeric(outcomes["change"], errors="coerce")
    if change.notna().any():
        row = outcomes.loc[change.abs().idxmax()]
        place = f" in {row['place']}" if row["place"] else ""
        text += f" The largest change stated is {change[row.name] * 100:+.0f}% ({row['metric']}{place})."
    return text


def checks_summary(checks: pd.DataFrame) -> str:
    if checks.empty:
        return "No claim could be put against official figures."
    primary = checks[pd.to_numeric(checks["rank"], errors="coerce") == 1]
    verdicts = primary["verdict"].fillna("").value_counts()
    checkable = verdicts.drop(labels=["not checkable", ""], errors="ignore")
    text = f"{_plural(len(primary), 'claim')} were put against official figures"
    if checkable.empty:
        return text + ", and none of them could be checked (no official series or figure for them)."
    listed = ", ".join(f"{n:,} {verdict}" for verdict, n in checkable.items())
    unchecked = int(verdicts.get("not checkable", 0))
    return f"{text}: {listed}; {unchecked:,} could not be checked."


def _named_counts(values: pd.Series) -> pd.Series:
    """How often each non-empty value occurs, most first (ties in alphabetical order)."""
    values = values.fillna("")
    return values[values != ""].value_counts().sort_index().sort_values(ascending=False, kind="stable")


def _with_top(text: str, counts: pd.Series, phrase: str, unit: str) -> str:
    """``text``, then the most frequent value and its count, if there is one."""
    if counts.empty:
        return text + "."
    return f"{text}; {phrase} {counts.index[0]} ({_plural(int(counts.iloc[0]), unit)})."


def policies_summary(policies: pd.DataFrame) -> str:
    if policies.empty:
        return "No sentence launching, expanding or describing a named programme was found."
    counts = _named_counts(policies["subject"])
    return _with_top(f"{_plural(len(policies), 'sentence')} launch, expand or describe a programme or policy",
                     counts, "the one named most often is", "sentence")


def quotes_summary(quotes: pd.DataFrame) -> str:
    if quotes.empty:
        return "No quoted speech was found."
    counts = _named_counts(quotes["speaker"])
    return _with_top(f"{_plural(len(quotes), 'quote')} from {_plural(len(counts), 'named speaker')}", counts,
                     "the most quoted is", "quote")


def programmes_summary(programmes: pd.DataFrame) -> str:
    if programmes.empty:
        return "No programme was named."
    money_by = pd.to_numeric(programmes["funding_total_gbp"], errors="coerce")
    text = f"{_plural(len(programmes), 'programme')} named, each under one name"
    if not (money_by > 0).any():
        return text + "; no funding was reported for any of them."
    row = programmes.loc[money_by.idxmax()]
    return f"{text}; {row['programme']} has the most money reported ({money(float(money_by.max()))})."


def articles_summary(articles: pd.DataFrame, claims: pd.DataFrame) -> str:
    if articles.empty:
        return "No article was read."
    dates = pd.to_datetime(articles["published"].replace("", pd.NA), errors="coerce", format="%Y-%m-%d")
    with_claims = articles["article_id"].isin(set(claims["article_id"])).sum()
    text = f"{_plural(len(articles), 'article')}; {with_claims:,} carry at least one claim."
    if dates.notna().any():
        first, last = dates.min().strftime("%-d %B %Y"), dates.max().strftime("%-d %B %Y")
        undated = int(dates.isna().sum())
        text += (f" Published between {first} and {last}" if first != last else f" All published on {first}")
        text += f" ({_plural(undated, 'article')} without a date)." if undated else "."
    return text
