"""Checking claims against official figures: periods, spans, ranges, verdicts on invented series,
and the seed articles' claims checked with figures taken from data/external."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from src.clean.articles import clean_corpus
from src.checks.compare import (Figure, Span, YearToken, check_claims, check_funding, check_level, check_outcome,
                                claim_span, claimed_range, confidence_label, find_pair, load_reference, parse_period,
                                verdict, vintage_date, year_token)
from src.claims.tables import tabulate
from src.common.paths import DEFAULT_RAW_DIR, EXTERNAL_DIR


@pytest.mark.parametrize("label, start, end, kind", [
    ("YE Mar 2018", date(2017, 4, 1), date(2018, 3, 31), "annual"),
    ("YE Dec 2017", date(2017, 1, 1), date(2017, 12, 31), "annual"),
    ("2016-17", date(2016, 4, 1), date(2017, 3, 31), "annual"),
    ("FY2018/19", date(2018, 4, 1), date(2019, 3, 31), "annual"),
    ("2019/20", date(2019, 4, 1), date(2020, 3, 31), "annual"),
    ("calendar 2022", date(2022, 1, 1), date(2022, 12, 31), "annual"),
    ("2012", date(2012, 1, 1), date(2012, 12, 31), "annual"),
    ("Oct-Dec 2014 (quarter)", date(2014, 10, 1), date(2014, 12, 31), "quarter"),
    ("Jan-Nov 2017", date(2017, 1, 1), date(2017, 11, 30), "partial"),
])
def test_parse_period(label: str, start: date, end: date, kind: str) -> None:
    p = parse_period(label)
    assert p is not None and (p.start, p.end, p.kind) == (start, end, kind)


def test_parse_period_refuses_changes() -> None:
    assert parse_period("FY2018/19 vs FY2017/18") is None


def test_year_tokens_and_spans() -> None:
    assert year_token("2006-7") == YearToken(2006, True) and year_token("2014") == YearToken(2014, False)
    span = claim_span("between 2006-7 and 2016-17", "")
    assert (span.base, span.end) == (YearToken(2006, True), YearToken(2016, True))
    assert claim_span("since 2014", "2018-09-07").base == YearToken(2014, False)
    assert claim_span("over a ten year period from 2007 to 2017", "").end == YearToken(2017, False)
    assert claim_span("", "2022-08-10") == Span(None, None, claim_span("", "2022-08-10").basis)
    assert claim_span("", "") is None  # undated and no period: not checkable
    assert claim_span("In 2016/17", "2018-01-01") is None  # a single period: a level


@pytest.mark.parametrize("direction, magnitude, change, low, high", [
    ("down", "47 per cent", -0.47, 0.423, 0.517),
    ("up", "almost doubled", 1.0, 0.8, 1.0),
    ("up", "doubled", 1.0, 0.9, 1.1),
    ("down", "halved", -0.5, 0.45, 0.55),
    ("up", "more than 20%", 0.2, 0.2, float("inf")),
    ("down", "significantly reduced", None, 0.10, float("inf")),
    ("up", "rise", None, 0.02, float("inf")),
])
def test_claimed_ranges(direction: str, magnitude: str, change: float | None, low: float, high: float) -> None:
    lo, hi, _ = claimed_range(direction, magnitude, change)
    assert lo == pytest.approx(low) and hi == pytest.approx(high)


@pytest.mark.parametrize("official, direction, low, high, expected", [
    (-0.48, "down", 0.423, 0.517, "supported"),
    (-0.64, "down", 0.423, 0.517, "understated"),
    (-0.30, "down", 0.423, 0.517, "overstated"),
    (0.09, "down", 0.10, float("inf"), "contradicted"),
    (0.01, "up", 0.02, float("inf"), "overstated"),
])
def test_verdict_rules(official: float, direction: str, low: float, high: float, expected: str) -> None:
    assert verdict(official, direction, low, high) == expected


def fig(period: str, value: float, vintage: date | None = None, notes: str = "OFFICIAL TABLE READ") -> Figure:
    return Figure("s", "Area", parse_period(period), value, "", "offences", f"https://example.org/{period}",
                  "title", notes, "f.csv", vintage)


def test_pair_prefers_what_was_published_before_the_article() -> None:
    series = [fig("YE Mar 2016", 100, date(2016, 7, 20)), fig("YE Mar 2017", 120, date(2017, 7, 20)),
              fig("YE Mar 2017", 130, date(2018, 7, 19), "OFFICIAL TABLE READ. PREFERRED revised")]
    pair = find_pair(series, Span(None, None, "latest"), date(2017, 9, 1))
    assert (pair.base.value, pair.end.value) == (100, 120)  # first published, known on 1 Sep 2017
    assert (pair.base_now.value, pair.end_now.value) == (100, 130)  # the revision known now


def test_pair_missing_figure_is_not_estimated() -> None:
    series = [fig("YE Mar 2010", 100), fig("YE Mar 2017", 120)]
    assert find_pair(series, Span(YearToken(2014, False), None, "since 2014"), date(2017, 9, 1)) is None
    assert find_pair(series, Span(None, None, "latest"), date(2017, 9, 1)) is None  # no base within 3 years


def test_outcome_check_on_invented_series() -> None:
    reference = [Figure("homicide_cases", "Scotland", parse_period(p), v, "", "cases", "u", "t",
                        "OFFICIAL TABLE READ", "f", None) for p, v in (("2006-07", 100), ("2016-17", 50))]
    claim = pd.Series({"claim_id": "O-1", "article_id": "a", "metric": "homicide", "place": "Scotland",
                       "direction": "down", "magnitude": "50 per cent", "change": -0.5,
                       "period": "between 2006-7 and 2016-17"})
    (row,) = check_outcome(claim, "", reference)
    assert (row["base_value"], row["end_value"], row["official_change"], row["verdict"]) == (100, 50, -0.5, "supported")
    claim["magnitude"], claim["change"] = "20 per cent", -0.2
    assert check_outcome(claim, "", reference)[0]["verdict"] == "understated"
    claim["place"] = "Wales"
    assert check_outcome(claim, "", reference)[0]["verdict"] == "not checkable"


def knife(period: str, value: float, vintage: date, notes: str = "OFFICIAL TABLE READ") -> Figure:
    return Figure("knife_or_sharp_instrument_offences_police_recorded", "England and Wales", parse_period(period),
                  value, "", "offences", f"https://example.org/{period}", "title", notes, "f.csv", vintage)


def test_level_check_on_invented_series() -> None:
    reference = [knife("YE Mar 2019", 1000, date(2019, 7, 18)), knife("YE Mar 2020", 741, date(2020, 7, 17)),
                 knife("YE Mar 2020", 800, date(2021, 7, 22), "OFFICIAL TABLE READ. PREFERRED revised")]
    claim = pd.Series({"claim_id": "O-1", "article_id": "a", "metric": "knife crime", "place": "England and Wales",
                       "direction": "none", "magnitude": "", "change": None, "value": 741.0, "unit": "offences",
                       "period": "in the year to March 2020"})
    (row,) = check_level(claim, "2020-09-01", reference)
    # the figure published by the article's date, and the revision known now
    assert (row["end_period"], row["end_value"], row["verdict"]) == ("YE Mar 2020", 741, "supported")
    assert (row["end_value_now"], row["verdict_now"]) == (800, "understated")
    claim["value"] = 1200.0
    assert check_level(claim, "2020-09-01", reference)[0]["verdict"] == "overstated"
    claim["value"], claim["magnitude"] = 700.0, "more than"
    assert check_level(claim, "2020-09-01", reference)[0]["verdict"] == "supported"
    # no year in the claim: the latest year published before the article
    claim["value"], claim["magnitude"], claim["period"] = 1000.0, "", ""
    (row,) = check_level(claim, "2019-12-01", reference)
    assert (row["end_period"], row["verdict"]) == ("YE Mar 2019", "supported")
    claim["unit"] = "admissions"
    assert check_level(claim, "2019-12-01", reference)[0]["verdict"] == "not checkable"
    claim["unit"], claim["value"] = "offences", None
    assert check_level(claim, "2019-12-01", reference)[0]["caveats"] == "a level with no figure"
    claim["value"], claim["place"] = 741.0, "Wales"
    assert check_level(claim, "2019-12-01", reference)[0]["caveats"] == "no reference series for this metric and place"


def test_level_claims_go_to_the_level_check() -> None:
    reference = [knife("YE Mar 2020", 741, date(2020, 7, 17))]
    claim = pd.Series({"claim_id": "O-1", "article_id": "a", "metric": "knife crime", "place": "England and Wales",
                       "direction": "none", "magnitude": "", "change": None, "value": 741.0, "unit": "offences",
                       "period": "in 2019/20"})
    assert check_outcome(claim, "2020-09-01", reference)[0]["verdict"] == "supported"


def test_funding_check_consistent_inconsistent_not_checkable() -> None:
    reference = [Figure("vru_funding_total", "18 PCCs", parse_period("2019/20"), 35e6, "", "GBP", "u", "t",
                        "OFFICIAL", "f", None)]
    claim = pd.Series({"claim_id": "F-1", "article_id": "a", "amount_text": "£35m", "amount_gbp": 35e6,
                       "programme": "Violence Reduction Unit", "place": "England and Wales", "period": ""})
    assert check_funding(claim, "2019-06-18", reference)[0]["verdict"] == "consistent"
    claim["amount_gbp"], claim["amount_text"] = 50e6, "£50m"
    assert check_funding(claim, "2019-06-18", reference)[0]["verdict"] == "inconsistent"
    assert check_funding(claim, "", reference)[0]["verdict"] == "not checkable"


def test_confidence_and_vintage() -> None:
    assert confidence_label("NEWS QUOTING ONS. +16%").startswith("news quoting an official source")
    assert confidence_label("OFFICIAL TABLE READ. PREFERRED").startswith("official table")
    assert vintage_date("Express & Star 8 Mar 2019 quoting ONS", "") == date(2019, 3, 8)
    assert vintage_date("upday/PA Media (Mar 2024)", "") == date(2024, 3, 31)


@pytest.fixture(scope="module")
def seed_checks() -> tuple[pd.DataFrame, pd.DataFrame]:
    corpus = clean_corpus(DEFAULT_RAW_DIR)
    tables = tabulate(corpus.articles, corpus.sentences)
    checks = check_claims(tables.outcomes, tables.funding, corpus.articles, load_reference())
    reference = pd.concat([pd.read_csv(p, dtype=str) for p in sorted(EXTERNAL_DIR.glob("*.csv"))])
    return checks, reference


def _from_reference(row: pd.Series, reference: pd.DataFrame) -> bool:
    """Both figures of a check are rows of the reference files (same series, area, period, value)."""
    def present(period: str, value: object) -> bool:
        hits = reference[(reference["series"] == row["series"]) & (reference["period"] == period)]
        return any(float(v.lstrip(">")) == float(value) for v in hits["value"])
    return present(row["base_period"], row["base_value"]) and present(row["end_period"], row["end_value"]) and \
        present(row["base_period"], row["base_value_now"]) and present(row["end_period"], row["end_value_now"])


@pytest.mark.parametrize("article, metric, place", [
    ("000_95ba648fc2615cfc", "knife crime", "West Midlands"),
    ("003_883677e372054453", "homicide", "Scotland"),
    ("001_c066a78907c1a8c8", "knife crime", "London"),
    ("001_c066a78907c1a8c8", "gun crime", "London"),
    ("001_c066a78907c1a8c8", "teenage murders", "London"),
    ("002_b1a35b58e40cf89a", "knife crime", "England and Wales"),
    ("002_b1a35b58e40cf89a", "gun crime", "England and Wales"),
    ("002_b1a35b58e40cf89a", "homicide", "England and Wales"),
])
def test_seed_claims_checked_with_reference_figures(seed_checks, article: str, metric: str, place: str) -> None:
    checks, reference = seed_checks
    rows = checks[(checks["article_id"] == article) & (checks["subject"] == metric) & (checks["place"] == place)
                  & (checks["series"] != "")]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert _from_reference(row, reference)
    assert row["verdict"] in {"supported", "overstated", "understated", "contradicted"}
    assert row["sources"].startswith("http") and row["confidence"]


def test_seed_specific_verdicts(seed_checks) -> None:
    checks, _ = seed_checks
    wm = checks[(checks["subject"] == "knife crime") & (checks["place"] == "West Midlands")].iloc[0]
    assert (wm["base_value"], wm["end_period"], wm["end_value"], wm["verdict"]) == (1559, "YE Mar 2018", 2850,
                                                                                     "supported")
    scot = checks[(checks["subject"] == "homicide") & (checks["place"] == "Scotland")].iloc[0]
    assert (scot["base_period"], scot["end_period"], scot["verdict"]) == ("2006-07", "2016-17", "supported")
    assert (scot["end_value"], scot["end_value_now"]) == (61, 62)  # first published, and the revision
    funding = checks[checks["claim_type"] == "funding"].set_index("subject")
    assert funding.loc["£35m Violence Reduction Unit", "verdict"] == "consistent"
    assert funding.loc["£63.4m Surge funding", "verdict"] == "consistent"


def test_sparklines_escape_labels_and_share_charts(tmp_path: Path) -> None:
    from src.checks.sparklines import draw_check_charts, sparkline

    svg = sparkline([(date(2015, 3, 31), 10.0, "<b>2015</b>"), (date(2016, 3, 31), 20.0, "2016")], "<b>2015</b>",
                    "2016", "<script>x</script>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "<rect" in svg
    reference = [Figure("homicide_cases", "Scotland", parse_period(p), v, "", "cases", "u", "t", "OFFICIAL", "f",
                        None) for p, v in (("2006-07", 100), ("2011-12", 80), ("2016-17", 50))]
    row = {"claim_type": "outcome", "series": "homicide_cases", "area": "Scotland", "base_period": "2006-07",
           "end_period": "2016-17", "subject": "homicide", "place": "Scotland", "verdict": "supported"}
    checks = pd.DataFrame([row, row])  # two claims, one series and span: one chart
    figures = draw_check_charts(checks, reference, tmp_path)
    assert len(figures) == 1 and (tmp_path / figures[0].svg).read_text().startswith("<svg")
    assert "2 claim(s)" in figures[0].alt
