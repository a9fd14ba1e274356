"""The report's parts without a browser: the stored table data and the sentence that opens each section."""
from __future__ import annotations

import pandas as pd
import pytest

from src.report.datatables import Column, Payload, add_table, decode, encode, find_mark, numbers, utf16_span
from src.report.summary import (articles_summary, checks_summary, funding_summary, money, outcomes_summary,
                                policies_summary, programmes_summary, quotes_summary)


def test_highlight_offsets_count_as_the_browser_does() -> None:
    sentence = "The Mayor 😀 gives £3.5m to youth clubs"
    start, end = find_mark(sentence, ["", None, "£3.5M"])  # empty candidates skipped, case ignored
    assert (start, end) == (19, 24)  # the emoji is two UTF-16 code units but one Python character (18, 23)
    assert sentence.encode("utf-16-le")[start * 2:end * 2].decode("utf-16-le") == "£3.5m"
    assert find_mark("no money here", ["£3m"]) is None
    assert utf16_span("abc", 1, 2) == (1, 2)


def test_numbers_keep_empty_cells_empty() -> None:
    assert numbers(pd.Series(["1,000", "", "2.5", ">40", "n/a"])) == [None, None, 2.5, 40.0, None]
    assert numbers(pd.Series([1.0, None, 3])) == [1.0, None, 3.0]


def test_strings_are_stored_once_across_tables() -> None:
    payload = Payload()
    sentence = "The council gives £3m to <b>clubs</b>."
    funding = pd.DataFrame({"claim_id": ["F-1"], "amount_gbp": ["3000000"], "sentence": [sentence]})
    policies = pd.DataFrame({"claim_id": ["P-1"], "sentence": [sentence]})
    add_table(payload, "funding", funding, [Column("claim_id", "claim", "hidden"),
                                            Column("amount_gbp", "£m", "num", "m"),
                                            Column("sentence", "sentence", "sentence")], "Funding",
              [find_mark(sentence, ["£3m"])])
    html = add_table(payload, "policies", policies, [Column("claim_id", "claim", "hidden"),
                                                     Column("sentence", "sentence", "sentence")], "Policies")
    assert payload.strings.count(sentence) == 1
    data = decode(encode(payload))
    funding_row = data["tables"]["funding"]["rows"][0]
    assert data["s"][funding_row[0]] == "F-1" and funding_row[1] == 3000000.0
    assert data["s"][funding_row[2][0]] == sentence and funding_row[2][1:] == [18, 21]
    assert data["tables"]["policies"]["rows"][0][1] == funding_row[2][0]
    assert 'data-table="policies"' in html and "<b>" not in html  # the page holds only the placeholder
    with pytest.raises(ValueError):
        add_table(payload, "funding", funding, [Column("claim_id", "claim", "hidden")], "again")
    with pytest.raises(ValueError):
        Column("x", "x", "picture")


def test_money_reads_as_written() -> None:
    assert [money(250_000), money(3_600_000), money(35_000_000), money(1_200_000_000)] == [
        "£250,000", "£3.6m", "£35m", "£1.2bn"]


FUNDING = pd.DataFrame({
    "article_id": ["a", "a", "b", "c"],
    "amount_gbp": [40e6, 11e6, 40e6, 5e6],
    "funder": ["Home Office", "Home Office", "Home Office", "Mayor of London"],
    "programme": ["Serious Violence Strategy", "Early Intervention Youth Fund", "Serious Violence Strategy", ""],
    "part_of": ["", "F-1", "", ""],
})


def test_funding_summary_counts_shares_and_repeats_once() -> None:
    # £40m (the £11m share inside it and the second report of the £40m not added) + £5m = £45m
    assert funding_summary(FUNDING) == (
        "4 funding claims in 3 articles add up to £45m, with shares of a larger amount and the same amount "
        "reported twice counted once. Largest funder named: Home Office (£40m). Programme with the most money: "
        "Serious Violence Strategy (£40m).")
    assert funding_summary(FUNDING.iloc[:0]) == "No amount of funding or spending was found in these articles."


def test_outcomes_summary_names_the_largest_change() -> None:
    outcomes = pd.DataFrame({"article_id": ["a", "a", "b"], "direction": ["up", "down", "none"],
                             "change": ["0.22", "-0.47", ""], "metric": ["knife crime", "homicide", "robbery"],
                             "place": ["London", "Glasgow", ""]})
    assert outcomes_summary(outcomes) == ("3 crime-figure claims in 2 articles: 1 say crime went up, 1 say it went "
                                          "down and 1 state a level. The largest change stated is -47% "
                                          "(homicide in Glasgow).")


def test_checks_summary_counts_each_claim_once() -> None:
    checks = pd.DataFrame({"rank": ["1", "1", "2", "1", "1"],
                           "verdict": ["supported", "supported", "contradicted", "overstated", "not checkable"]})
    assert checks_summary(checks) == ("4 claims were put against official figures: 2 supported, 1 overstated; "
                                      "1 could not be checked.")


def test_policy_quote_programme_and_article_summaries() -> None:
    policies = pd.DataFrame({"subject": ["VRU", "VRU", "Gangs unit", ""]})
    assert policies_summary(policies) == ("4 sentences launch, expand or describe a programme or policy; the one "
                                          "named most often is VRU (2 sentences).")
    quotes = pd.DataFrame({"speaker": ["Sadiq Khan", "", "Jo Johnson", "Sadiq Khan"]})
    assert quotes_summary(quotes) == "4 quotes from 2 named speakers; the most quoted is Sadiq Khan (2 quotes)."
    programmes = pd.DataFrame({"programme": ["MyEnds", "VRU"], "funding_total_gbp": ["9000000", ""]})
    assert programmes_summary(programmes) == ("2 programmes named, each under one name; MyEnds has the most money "
                                              "reported (£9m).")
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "published": ["2019-03-01", "", "2018-04-09"]})
    claims = pd.DataFrame({"article_id": ["a", "a"]})
    assert articles_summary(articles, claims) == ("3 articles; 1 carry at least one claim. Published between "
                                                  "9 April 2018 and 1 March 2019 (1 article without a date).")
