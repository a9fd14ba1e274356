"""Funding read with its article: the headline, programmes named earlier, purposes, who pays.
Expectations are read off the sentences by hand."""
from __future__ import annotations

from src.claims.funding import extract_funding
from src.claims.money import find_money


def test_a_rise_to_a_new_total_is_two_amounts_not_a_range() -> None:
    found = find_money("I have announced an additional £82,000 to £1.217 million so they can carry on.")
    assert [(m.amount, m.low) for m in found] == [(82000.0, 82000.0), (1217000.0, 1217000.0)]
    assert [(m.amount, m.low) for m in find_money("£2m to £3m")] == [(3e6, 2e6)]


def test_the_headline_is_read_and_a_programme_named_later_in_the_article_applies() -> None:
    rows = extract_funding("a", ["A dedicated unit is to be created in Bedfordshire.",
                                 "The Violence Reduction Unit will work with schools."],
                           "£1million boost in battle against gun, gang and knife crime")
    assert [(r.sentence_no, r.money.amount, r.programme, r.funder) for r in rows] == [
        (0, 1e6, "Violence Reduction Unit", "Home Office")]  # the unit's owner pays


def test_a_purpose_when_no_programme_is_named() -> None:
    rows = extract_funding("a", ["£20.1 million is earmarked to pay for a 2% police pay increase in 2018/19."])
    assert rows[0].programme == "2% police pay increase"


def test_a_programme_named_before_applies_to_a_later_amount() -> None:
    rows = extract_funding("a", ["The CashBack for Communities programme supports young people.",
                                 "Since 2008, CashBack has committed £156 million to young people."])
    assert (rows[0].programme, rows[0].funder) == ("CashBack for Communities", "Scottish Government")


def test_seized_assets_paying_for_a_programme_are_funding() -> None:
    rows = extract_funding("a", ["A programme paid for out of assets seized from criminals provided £6.2 million "
                                 "funding to help young people."])
    assert [r.money.amount for r in rows] == [6.2e6]
