"""Funding read with its article: the headline, programmes named earlier, purposes, who pays.
Expectations are read off the sentences by hand."""
from __future__ import annotations

import pytest

from src.claims.funding import extract_funding, usable_purpose
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


def test_the_government_of_an_article_about_scotland_is_the_scottish_government() -> None:
    sentences = ["The Justice Secretary announced the rise in Glasgow on Tuesday.",
                 "The government will provide £1.2 million of funding to the unit in Edinburgh and Dundee."]
    assert extract_funding("a", sentences)[0].funder == "Scottish Government"
    # an article that names the UK Government outright keeps it
    sentences[0] = "The UK Government announced the rise in Glasgow on Tuesday."
    assert extract_funding("a", sentences)[0].funder == "UK Government"
    # and an article about England keeps the UK Government for "the government"
    assert extract_funding("a", ["The government will provide £1.2 million of funding to projects in Leeds."])[0].funder \
        == "UK Government"


def test_purposes_that_say_nothing_give_way_to_the_programme_the_article_names() -> None:
    assert usable_purpose("a project") == ""
    assert usable_purpose("successful programme") == ""
    assert usable_purpose("funding to help") == ""
    assert usable_purpose("funding to April 2023") == ""
    assert usable_purpose("support around 1") == ""  # "around 1.4 million young people", cut at the point
    assert usable_purpose("tackle serious violence to") == "tackle serious violence"
    assert usable_purpose("the 2% police pay increase") == "2% police pay increase"
    rows = extract_funding("a", ["The Camden Youth Safety Fund opened in May.",
                                 "Grants of £40,000 will go to a project."])
    assert (rows[0].programme, rows[0].funder) == ("Camden Youth Safety Fund", "Camden Youth Safety Fund")


def test_council_money_is_paid_by_the_council_of_the_article() -> None:
    rows = extract_funding("a", ["The strategy was drawn up in Leicester by the city council.",
                                 "It also sets aside £250,000 of city council money for knife crime prevention work."])
    assert (rows[0].funder, rows[0].programme) == ("Leicester City Council", "knife crime prevention work")


def test_a_quoted_programme_after_roll_out() -> None:
    rows = extract_funding("a", ["Eighteen police forces will divide more than £4 million in extra funding to "
                                 "roll-out ‘hotspot policing’ following pilot schemes."])
    assert rows[0].programme.lower() == "hotspot policing"


def test_the_fund_an_amount_comes_from_is_its_programme() -> None:
    rows = extract_funding("a", ["The additional money follows an award to Essex of £664,000 from the Home Office’s "
                                 "Early Intervention Youth Fund in November 2018."])
    assert (rows[0].funder, rows[0].programme) == ("Home Office", "Early Intervention Youth Fund")


def test_a_named_grant_gives_its_funder() -> None:
    rows = extract_funding("a", ["A new police unit will be set up after the award of a £880,000 Home Office grant."])
    assert rows[0].funder == "Home Office"


def test_a_unit_that_pays_funds_the_programme_of_its_own_the_article_names() -> None:
    rows = extract_funding("a", ["Sadiq Khan said that London’s Violence Reduction Unit (VRU) will put £6 million "
                                 "of new funding into handing local communities money directly.",
                                 "Designed to put communities in the lead, the VRU’s MyEnds programme gives them help."])
    assert rows[0].programme == "MyEnds"


def test_the_programme_of_the_headline_comes_before_a_purpose_phrase() -> None:
    rows = extract_funding("a", ["Eighteen police forces will share more money.",
                                 "The additional £4.12 million will take the total those forces have received to "
                                 "tackle serious violence to £28.6 million in 2021."],
                           title="Hotspot policing extended to 18 forces after successful pilots")
    assert rows[0].programme == "Hotspot policing"


def test_the_funder_is_never_the_body_that_receives_even_when_the_article_names_it_most() -> None:
    rows = extract_funding("a", ["Emergency money has been signed off and Greater Manchester Police will get £4m "
                                 "over the next 12 months.",
                                 "The Mayor of Greater Manchester accused the Home Secretary of going back on promises.",
                                 "The Mayor of Greater Manchester said more was needed."])
    assert rows[0].funder == "Home Office"


def test_an_amount_named_again_is_the_same_money() -> None:
    rows = extract_funding("a", ["The Home Office gave £4m to tackle knife crime in Manchester.",
                                 "Critics said the £4m funding was too little."])
    assert [r.programme for r in rows] == ["tackle knife crime", "tackle knife crime"]


def test_the_body_that_wins_or_gets_the_money_in_a_headline_is_not_its_funder() -> None:
    rows = extract_funding("a", ["Lambeth Council has been awarded £1.2 million by the Home Office to expand its "
                                 "youth outreach work."], "Council wins £1.2m to tackle youth violence")
    assert [(r.sentence_no, r.funder, r.place) for r in rows] == [(0, "Home Office", "Lambeth"),
                                                                  (1, "Home Office", "Lambeth")]
    rows = extract_funding("a", ["Merseyside Police will receive £500,000 from the Government's Serious Violence "
                                 "Fund for extra patrols."], "Police to get £500,000 for knife arches")
    assert [(r.funder, r.place) for r in rows] == [("UK Government", "Merseyside")] * 2


def test_a_bare_number_after_to_is_not_the_end_of_a_range() -> None:
    # "£2m to 12 grassroots projects" is £2m given to twelve projects, not £2m-£12m
    assert [(m.text, m.amount, m.low) for m in find_money("The fund has handed £2m to 12 grassroots projects.")] == [
        ("£2m", 2e6, 2e6)]
    assert [(m.amount, m.low) for m in find_money("grants of £20,000 to 30,000 each")] == [(30000.0, 20000.0)]
    assert [(m.amount, m.low) for m in find_money("£2m to 3m")] == [(3e6, 2e6)]


def test_a_fund_named_only_by_its_owner_is_the_programme() -> None:
    rows = extract_funding("a", ["The Mayor's fund has handed £2m to 12 grassroots projects in London."])
    assert [(r.money.amount, r.programme) for r in rows] == [(2e6, "Mayor's fund")]
    # a named fund keeps its own name, without the owner
    rows = extract_funding("a", ["The Mayor's Young Londoners Fund will give £45m to youth projects."])
    assert rows[0].programme == "Young Londoners Fund"


def test_what_money_is_spent_on_is_its_purpose() -> None:
    rows = extract_funding("a", ["Separately, the Government is spending £750m on the 2% police pay rise this year."])
    assert [(r.funder, r.programme) for r in rows] == [("UK Government", "2% police pay rise")]


def test_a_grant_maker_named_as_the_giver_pays_although_its_name_is_a_fund() -> None:
    rows = extract_funding("a", ["A Leeds charity has been awarded £420,000 by the National Lottery Community Fund."])
    assert [(r.funder, r.programme) for r in rows] == [("National Lottery Community Fund",
                                                        "National Lottery Community Fund")]
    given_to = extract_funding("a", ["The Home Secretary has allocated £20m to the Youth Endowment Fund."])
    assert [(r.funder, r.programme) for r in given_to] == [("Home Office", "Youth Endowment Fund")]


def test_a_body_named_by_its_kind_is_the_one_of_the_article() -> None:
    rows = extract_funding("a", ["Sixty youth clubs across Greater Manchester are to share £2.5m over two years, "
                                 "paid for by the combined authority."])
    assert [r.funder for r in rows] == ["Greater Manchester Combined Authority"]
    named = extract_funding("a", ["Wirral Council has set aside money for youth work.",
                                  "A further £300,000 will be provided by the council next year."])
    assert [r.funder for r in named] == ["Wirral Council"]


def test_operations_and_projects_are_named_head_first() -> None:
    rows = extract_funding("a", ["Merseyside Police's Project Medusa, which targets county lines gangs, received an "
                                 "extra £2m from the Home Office in April."])
    assert [(r.funder, r.programme) for r in rows] == [("Home Office", "Project Medusa")]


def test_a_share_of_the_amount_before_and_a_pronoun_subject() -> None:
    rows = extract_funding("a", ["Kent will receive £1.2m from the Government to tackle serious violence.",
                                 "Of this, £400,000 will go to a new knife crime education programme in schools."])
    assert [(r.money.amount, r.programme, r.place, r.part_of_index) for r in rows] == [
        (1.2e6, "tackle serious violence", "Kent", None), (4e5, "knife crime education programme", "Kent", 0)]
    said_before = extract_funding("a", ["The Violence Reduction Unit for Thames Valley has been awarded £1.1m.",
                                        "The VRU will place youth workers in A&E departments in Oxford.",
                                        "Last year it received £900,000."])
    assert [r.programme for r in said_before] == ["Violence Reduction Unit", "Violence Reduction Unit"]


def test_give_and_spend_a_year_on() -> None:
    given = extract_funding("a", ["The Home Office's Safer Streets scheme will give a further £750,000 to Mansfield."])
    assert [(r.money.amount, r.place) for r in given] == [(7.5e5, "Mansfield")]
    spent = extract_funding("a", ["Leicester City Council is to spend £80,000 a year on street pastors."])
    assert [(r.funder, r.programme, r.period) for r in spent] == [("Leicester City Council", "street pastors", "a year")]


def test_an_office_s_own_fund_and_a_possessive_place_are_named_without_the_possessive() -> None:
    rows = extract_funding("a", ["Nottinghamshire's Police and Crime Commissioner Caroline Henry has awarded £250,000 "
                                 "to 14 community projects.",
                                 "The grants come from the Commissioner's Community Safety Fund."])
    assert [(r.funder, r.programme) for r in rows] == [("Nottinghamshire Police and Crime Commissioner",
                                                        "Community Safety Fund")]


def test_the_mayor_is_the_mayoralty_whose_holder_the_article_names() -> None:
    rows = extract_funding("a", ["The Mayor has given £2.5m to youth clubs in Oldham.",
                                 "Andy Burnham said the clubs would open late on Fridays."])
    assert [r.funder for r in rows] == ["Mayor of Greater Manchester"]
    unnamed = extract_funding("a", ["The Mayor has given £2.5m to youth clubs in Oldham."])
    assert [r.funder for r in unnamed] == ["Mayor"]


def test_money_for_many_bodies_is_national_and_gov_uk_years_are_a_period() -> None:
    rows = extract_funding("a", ["The Home Office has confirmed £55.5 million for Violence Reduction Units in 2024 "
                                 "to 2025.", "The funding allocations for each area are:",
                                 "- Avon and Somerset: £1.16 million", "- Bedfordshire: £880,000",
                                 "- London: £7.14 million"],
                           "Violence Reduction Units to receive £55.5 million")
    assert [(r.money.amount, r.place, r.period) for r in rows] == [
        (55.5e6, "England and Wales", ""), (55.5e6, "England and Wales", "in 2024 to 2025"),
        (1.16e6, "Avon and Somerset", ""), (880000.0, "Bedfordshire", ""), (7.14e6, "London", "")]
    from src.checks.compare import _claim_fy
    assert _claim_fy({"period": "in 2024 to 2025"}, "2023-06-01") == "2024/25"
    assert _claim_fy({"period": "in 2019 to 2022"}, "2023-06-01") == "2023/24"  # several years: the article's


@pytest.mark.parametrize("sentence, expected", [
    # a share of a larger amount named after it; the larger one is national
    ("Thames Valley Police will receive £1.2m as part of the £35m Violence Reduction Unit fund.",
     [(1.2e6, "Home Office", "Violence Reduction Unit", "Thames Valley", 1),
      (35e6, "Home Office", "Violence Reduction Unit", "England and Wales", None)]),
    # the grant-maker that gives, not the department named in an aside about how it was set up
    ("The Youth Endowment Fund, set up with a £200m endowment from the Home Office, has awarded £3m to 12 "
     "projects in Yorkshire.",
     [(200e6, "Home Office", "Youth Endowment Fund", "England and Wales", None),
      (3e6, "Youth Endowment Fund", "Youth Endowment Fund", "Yorkshire and the Humber", None)]),
    ("Bleed control kits worth £20,000 have been installed across Coventry, paid for by the city council.",
     [(2e4, "Coventry City Council", "Bleed control kits", "Coventry", None)]),
    ("The Home Office is providing £2.5m to fund 20 new youth workers in Greater Manchester's A&E departments.",
     [(2.5e6, "Home Office", "20 new youth workers", "Greater Manchester", None)]),
    ("A £1m fund to help young people at risk of exploitation has been launched by West Yorkshire Mayor Tracy "
     "Brabin.", [(1e6, "Mayor of West Yorkshire", "help young people at risk of exploitation", "West Yorkshire", None)]),
])
def test_shares_named_before_their_whole_asides_and_purposes(sentence: str, expected: list) -> None:
    rows = extract_funding("a", [sentence])
    assert [(r.money.amount, r.funder, r.programme, r.place, r.part_of_index) for r in rows] == expected


def test_a_place_in_an_institution_s_name_is_no_claim_place() -> None:
    from src.claims.gazetteer import find_places
    assert find_places("researchers at the University of Cardiff found") == ()
    assert find_places("sentenced at Cardiff Crown Court") == ()
    assert [p[2] for p in find_places("Knife crime in Cardiff rose")] == ["Cardiff"]
