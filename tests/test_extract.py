"""Extraction patterns on small invented sentences, and the five real articles held against gold."""
from __future__ import annotations

import pandas as pd
import pytest

from src.clean.articles import clean_corpus
from src.evaluate.scores import evaluate_claims
from src.claims.tables import claim_id, funding_total, tabulate
from src.claims.entities import acronym_aliases, canonical_programme, find_funders, find_programmes
from src.claims.funding import extract_funding
from src.claims.money import find_money
from src.claims.outcomes import extract_outcomes
from src.claims.quotes import extract_quotes, parse_attribution
from src.common.paths import DEFAULT_RAW_DIR


@pytest.mark.parametrize("text, amount, low", [
    ("£35m", 35e6, 35e6), ("£2 million", 2e6, 2e6), ("£63.4m", 63.4e6, 63.4e6), ("£500,000", 5e5, 5e5),
    ("£1.2bn", 1.2e9, 1.2e9), ("£45million", 45e6, 45e6), ("£2-3 million", 3e6, 2e6), ("£2m to £3m", 3e6, 2e6),
    ("between £2m and £4m", 4e6, 2e6), ("5 million pounds", 5e6, 5e6), ("£250k", 2.5e5, 2.5e5),
])
def test_money_amounts(text: str, amount: float, low: float) -> None:
    (money,) = find_money(text)
    assert (money.amount, money.low) == (amount, low)


def test_money_qualifier_and_non_money() -> None:
    assert find_money("up to £5m")[0].qualifier == "up to"
    assert find_money("2,500 activities in 18 areas, a 47 per cent drop") == []
    assert [m.amount for m in find_money("£11 million for X and £3.6 million for Y")] == [11e6, 3.6e6]


def funding(sentences: list[str]) -> list[tuple]:
    return [(r.money.amount, r.funder, r.programme, r.period, r.status, r.part_of_index)
            for r in extract_funding("a", sentences)]


def test_funding_funder_programme_period_status() -> None:
    rows = funding(["The Home Secretary has allocated £20m over three years to the Youth Endowment Fund."])
    assert rows == [(20e6, "Home Office", "Youth Endowment Fund", "over three years", "allocated", None)]


def test_funding_shares_are_part_of_parent() -> None:
    rows = funding(["The plan commits £40 million of new Home Office money, which includes £11 million for "
                    "the Early Intervention Youth Fund and £3.6 million for the National County Lines "
                    "Coordination Centre (NCLCC)."])
    assert [r[0] for r in rows] == [40e6, 11e6, 3.6e6]
    assert [r[5] for r in rows] == [None, 0, 0]
    assert {r[1] for r in rows} == {"Home Office"}


def test_funding_named_programme_after_amount_and_inherited_funder() -> None:
    rows = funding(["Tackling violence is Sadiq Khan's top priority.",
                    "He also backed the £5.6m Rescue and Response scheme."])
    assert rows == [(5.6e6, "Mayor of London", "Rescue and Response", "", "", None)]


def test_funding_pcc_made_specific_and_gerund_programme() -> None:
    rows = funding(["Kent Police and Crime Commissioner Jane Roe spoke.",
                    "The PCC has pledged she will spend £1 million tackling county lines over the next two years."])
    assert rows == [(1e6, "Kent Police and Crime Commissioner", "tackling county lines",
                     "over the next two years", "pledged", None)]


def test_funding_subject_reference_resolves_to_named_programme() -> None:
    rows = funding(["The council launched its Safer Streets Strategy on Monday.",
                    "The strategy is backed by £3m of council money."])
    assert rows[0][2] == "Safer Streets Strategy"


@pytest.mark.parametrize("sentence", [
    "Police seized £2m worth of cocaine in the raid.",
    "The thief was fined £500 by magistrates.",
    "Knife crime costs the NHS £100m a year.",
])
def test_money_that_is_not_funding(sentence: str) -> None:
    assert funding([sentence]) == []


def test_funders_and_programmes() -> None:
    assert [f.name for f in find_funders("The Mayor of London and the Home Office")] == ["Mayor of London", "Home Office"]
    assert [f.name for f in find_funders("the West Midlands Police and Crime Commissioner")] == [
        "West Midlands Police and Crime Commissioner"]
    assert [p.name for p in find_programmes("to set up violence reduction units")] == ["Violence Reduction Unit"]
    assert canonical_programme("VRUs") == canonical_programme("the Violence Reduction Unit") == "Violence Reduction Unit"
    assert acronym_aliases("the Integrated Gangs Unit (IGU) met") == {"IGU": "Integrated Gangs Unit"}


def test_gps_tagging_described_two_ways_is_one_programme() -> None:
    a = find_programmes("an extension to his GPS tagging pilot programme which tags knife crime offenders")
    b = find_programmes("a programme to tag knife crime offenders with a tracking device")
    assert {p.name for p in a} & {p.name for p in b} == {"GPS tagging of knife crime offenders"}


def outcomes(sentence: str) -> list[tuple]:
    return [(r.metric, r.direction, r.magnitude, r.change, r.period, r.place)
            for r in extract_outcomes("a", [sentence])]


@pytest.mark.parametrize("sentence, expected", [
    ("Homicides fell by 47 per cent in Glasgow between 2006-7 and 2016-17.",
     [("homicide", "down", "47 per cent", -0.47, "between 2006-7 and 2016-17", "Glasgow")]),
    ("Knife crime in Kent has almost doubled since 2014.",
     [("knife crime", "up", "almost doubled", 1.0, "since 2014", "Kent")]),
    ("There was a 12% rise in robbery in Leeds last year.",
     [("robbery", "up", "12%", 0.12, "last year", "Leeds")]),
    ("Gun crime and knife crime have both significantly reduced in Bristol.",
     [("gun crime", "down", "significantly reduced", None, "", "Bristol"),
      ("knife crime", "down", "significantly reduced", None, "", "Bristol")]),
    ("Violence in Leeds remains far too high.", [("violent crime", "none", "remains far too high", None, "", "Leeds")]),
])
def test_outcomes(sentence: str, expected: list[tuple]) -> None:
    assert outcomes(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The unit aims to reduce violent crime in Leeds.",
    "The plan is to significantly cut levels of violent crime.",
    "Reducing violence is a long-term challenge.",
    "Boroughs with the highest increases in unemployment also have serious violence.",
    "The Violence Reduction Unit met on Monday to discuss knife crime.",
    "Youth workers trace people caught up in violent crime.",
])
def test_not_outcomes(sentence: str) -> None:
    assert outcomes(sentence) == []


def test_quotes_forms_and_references() -> None:
    paras = [
        "Home Secretary Jane Roe visited Leeds.",
        'Jane Roe said: "We are investing in prevention.',
        '"It will work."',
        "Chief Constable Sam Poe said:",
        "This is a turning point for the force.",
        "I am grateful to the officers involved.",
        "The force has 3,000 officers.",
        '"It is a start," Sam added.',
        'He said: "More must be done."',
    ]
    rows = [(q.speaker, q.role, q.quote) for q in extract_quotes("a", paras)]
    assert rows == [
        ("Jane Roe", "Home Secretary", "We are investing in prevention.\nIt will work."),
        ("Sam Poe", "Chief Constable", "This is a turning point for the force.\nI am grateful to the officers involved."),
        ("Sam Poe", "Chief Constable", "It is a start"),
        ("Sam Poe", "Chief Constable", "More must be done."),
    ]


@pytest.mark.parametrize("attr, name, role", [
    ("The West Midlands Police and Crime Commissioner, David Jamieson,", "David Jamieson",
     "West Midlands Police and Crime Commissioner"),
    ("Jon Cruddas MP", "Jon Cruddas", "MP"),
    ("Cllr David Harvey, deputy leader of Westminster City Council,", "David Harvey",
     "Deputy leader of Westminster City Council"),
    ("National Police Chiefs' Council (NPCC) Chair Martin Hewitt", "Martin Hewitt",
     "National Police Chiefs' Council (NPCC) Chair"),
])
def test_attribution(attr: str, name: str, role: str) -> None:
    person = parse_attribution(attr)
    assert person is not None and (person.name, person.role) == (name, role)


def test_claim_ids_stable_and_distinct() -> None:
    assert claim_id("F", "a", 1, 5, "£5m") == claim_id("F", "a", 1, 5, "£5m")
    assert claim_id("F", "a", 1, 5, "£5m") != claim_id("F", "a", 2, 5, "£5m")


def test_two_figures_for_one_metric_in_one_sentence_get_distinct_claim_ids() -> None:
    sentence = ("In the 12 months to March 2020, knife crime rose in England and Wales by 6%, with London "
                "recording a bigger increase of 7%.")
    other = "In total, the number of offences in England and Wales went up by 31 per cent – but in many forces reported cases doubled."
    articles = pd.DataFrame({"article_id": ["a1"], "title": ["Knife crime rises"], "body": [sentence + "\n" + other]})
    sentences = pd.DataFrame({"article_id": ["a1", "a1"], "sentence_no": [1, 2], "text": [sentence, other]})
    outcomes = tabulate(articles, sentences, workers=1).outcomes
    assert len(outcomes) >= 4
    assert outcomes["claim_id"].is_unique
    # the same input, the same ids
    assert list(outcomes["claim_id"]) == list(tabulate(articles, sentences, workers=1).outcomes["claim_id"])


def test_funding_total_never_counts_twice() -> None:
    rows = pd.DataFrame({"programme": ["S", "E", "V", "V"], "amount_gbp": [40e6, 11e6, 35e6, 35e6],
                         "part_of": ["", "F-1", "", ""], "claim_id": ["F-1", "F-2", "F-3", "F-4"]})
    assert funding_total(rows) == 75e6
    assert funding_total(rows[rows["programme"] == "E"], top_level_only=False) == 11e6


@pytest.fixture(scope="module")
def real_tables():
    corpus = clean_corpus(DEFAULT_RAW_DIR)
    return corpus, tabulate(corpus.articles, corpus.sentences)


def test_five_articles_against_gold(real_tables) -> None:
    corpus, tables = real_tables
    scores = evaluate_claims(tables.funding, tables.outcomes, tables.quotes,
                             corpus.articles["article_id"].tolist()).set_index("table")
    assert scores.loc["funding", ["precision", "recall", "funder_right", "programme_right"]].tolist() == [1, 1, 1, 1]
    assert scores.loc["quotes", ["precision", "recall"]].tolist() == [1, 1]
    assert scores.loc["outcomes", "recall"] >= 0.85


def test_evaluation_ignores_gold_of_articles_not_in_the_run(real_tables) -> None:
    _, tables = real_tables
    assert evaluate_claims(tables.funding, tables.outcomes, tables.quotes, ["other"]).empty


def test_claims_union_and_ids_repeatable(real_tables) -> None:
    corpus, tables = real_tables
    again = tabulate(corpus.articles, corpus.sentences)
    assert tables.claims["claim_id"].tolist() == again.claims["claim_id"].tolist()
    assert tables.claims["claim_id"].is_unique
    assert set(tables.funding["claim_id"]) | set(tables.outcomes["claim_id"]) <= set(tables.claims["claim_id"])
    assert {"funding", "outcome", "policy"} == set(tables.claims["claim_type"])


def test_programmes_merge_aliases(real_tables) -> None:
    _, tables = real_tables
    progs = tables.programmes.set_index("programme")
    vru = progs.loc["Violence Reduction Unit"]
    assert {"001_c066a78907c1a8c8", "003_883677e372054453", "004_e6cb74b6ea7b6b14"} <= set(vru["article_ids"].split("; "))
    tagging = progs.loc["GPS tagging of knife crime offenders"]
    assert set(tagging["article_ids"].split("; ")) == {"001_c066a78907c1a8c8", "004_e6cb74b6ea7b6b14"}


def test_money_units_glued_or_spaced_and_numbers_never_cut() -> None:
    assert [m.text for m in find_money("launched with £3.6mworth of funding")] == ["£3.6m"]
    assert [(m.text, m.amount) for m in find_money("it cost £5 more than before")] == [("£5", 5.0)]
    assert find_money("£5 mn")[0].amount == 5e6


def test_funding_for_purpose_and_lists_under_a_total() -> None:
    rows = extract_funding("a", ["The Home Secretary has today announced £35 million for police and crime "
                                 "commissioners to set up violence reduction units.",
                                 "The areas receiving funding are:", "- London – £7 million",
                                 "- West Midlands – £3.37 million"])
    assert [(r.money.amount, r.part_of_index, r.place) for r in rows] == [
        (35e6, None, "England and Wales"), (7e6, 0, "London"), (3.37e6, 0, "West Midlands")]
    assert {r.programme for r in rows} == {"Violence Reduction Unit"}


def test_list_without_a_total_just_before_is_not_a_share() -> None:
    rows = extract_funding("a", ["The council has spent £40m on roads.", "Tackling violence is a priority.",
                                 "He announced a package including:", "- £9m for youth clubs"])
    assert rows[-1].money.amount == 9e6 and rows[-1].part_of_index is None


def test_outcome_up_and_down_with_figures() -> None:
    assert outcomes("Robbery in Leeds was down 12% on the year.")[0][:4] == ("robbery", "down", "12%", -0.12)
    assert outcomes("There were 59 homicides, a fall of 50% since 2008.")[0][:2] == ("homicide", "down")


def test_speech_in_single_quotes_keeps_apostrophes() -> None:
    from src.claims.quotes import single_to_double

    assert single_to_double("'We won't stop,' she said. 'It's time.'") == '"We won\'t stop," she said. "It\'s time."'
    assert single_to_double("The council's plan is 'ambitious'.") == "The council's plan is 'ambitious'."
    rows = extract_quotes("a", ["Priti Patel said the money would help.", "'We are determined,' she said."])
    assert [(q.speaker, q.quote) for q in rows] == [("Priti Patel", "We are determined")]


def test_pcc_for_a_place_and_recipients_never_fund_themselves() -> None:
    assert [f.name for f in find_funders("the Police and Crime Commissioner for Avon and Somerset Sue Roe")] == [
        "Avon and Somerset Police and Crime Commissioner"]
    rows = extract_funding("a", ["Kent Police and Crime Commissioner Jo Bloggs spoke.",
                                 "Kent received £1.5 million of the surge funding."])
    # the only funder in view is the recipient itself, so not it: the surge fund's owner pays
    assert rows[0].funder == "Home Office"


def test_organisations_reported_as_speaking_are_not_people() -> None:
    rows = extract_quotes("a", ["Victim Support said the figures were worrying.", "Jane Roe said it was a start.",
                                "'We need more help,' she said."])
    assert [(q.speaker, q.quote) for q in rows] == [("Jane Roe", "We need more help")]


def test_quote_split_by_its_attribution_is_one_turn() -> None:
    rows = extract_quotes("a", ['"We will not stand by," said Jane Roe. "This is a national emergency."',
                                '"We have done a great deal," said Jane Roe. "We must do more now," said Sam Poe.'])
    assert [(q.speaker, q.quote) for q in rows] == [
        ("Jane Roe", "We will not stand by. This is a national emergency."),
        ("Jane Roe", "We have done a great deal"), ("Sam Poe", "We must do more now")]
