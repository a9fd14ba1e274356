"""Crime figures as figures: levels, lists of counts, victims, comparisons, knife-involved metrics,
and what is not a crime figure. Every expectation is read off the sentence by hand."""
from __future__ import annotations

import pytest

from src.claims.outcomes import extract_outcomes

CONTEXT = "Knife crime is a worry for the police."


def rows(sentence: str, title: str = "") -> list[tuple]:
    return [(r.metric, r.direction, r.value, r.base_value, r.unit)
            for r in extract_outcomes("a", [CONTEXT, sentence], title) if r.sentence_no != 1]


def test_a_level_is_a_figure_with_direction_none_and_its_category() -> None:
    found = extract_outcomes("a", ["The most recent PSNI crime statistics record a total of 741 offences involving a "
                                   "knife or a sharp instrument in the 12 months leading up to June."])
    assert [(r.metric, r.direction, r.value, r.unit, r.category) for r in found] == [
        ("knife crime", "none", 741.0, "offences", "offences involving a knife or sharp instrument")]


def test_a_count_noun_takes_the_metric_of_the_sentence_before() -> None:
    assert rows("But that total left out Greater Manchester, where more than 3,000 offences were recorded.") == [
        ("knife crime", "none", 3000.0, None, "offences")]


def test_a_list_of_counts_gives_one_level_per_category_with_the_knife_named_once() -> None:
    found = rows("Among the 1,309 knife crimes are 864 offences of actual bodily harm and grievous bodily harm, "
                 "237 robberies, 170 threats to kill, 16 rapes and eight homicides.")
    assert found == [("knife ABH/GBH", "none", 864.0, None, "offences"),
                     ("knife robberies", "none", 237.0, None, "offences"),
                     ("threats to kill involving a knife", "none", 170.0, None, "offences"),
                     ("rapes involving a knife", "none", 16.0, None, "offences"),
                     ("knife homicides", "none", 8.0, None, "homicides")]  # "Among the 1,309": a reference back


def test_a_knife_inside_a_listed_metric_does_not_rename_its_neighbours() -> None:
    found = rows("There have been recent increases in knife crime, gun crime and homicide.")
    assert [(m, d) for m, d, *_ in found] == [("knife crime", "up"), ("gun crime", "up"), ("homicide", "up")]


def test_a_change_keeps_its_end_and_start_values() -> None:
    assert rows("The overall number of homicides recorded by police dropped by 6%, from 654 to 617.") == [
        ("homicide", "down", 617.0, 654.0, "homicides")]
    assert rows("Police-recorded offences involving a knife or sharp instrument climbed to 44,771.") == [
        ("knife crime", "up", 44771.0, None, "offences")]


def test_victims_counted_and_compared() -> None:
    assert rows("So far this year four teenagers have been murdered, compared to nine by the same point last year.") \
        == [("teenage murders", "down", 4.0, 9.0, "victims")]
    assert rows("Not one teenager was murdered over the school summer holidays.") == [
        ("teenage murders", "none", 0.0, None, "victims")]


def test_levels_by_place_in_one_sentence() -> None:
    found = extract_outcomes("a", ["Admissions to hospitals for stab wounds rose again.",
                                   "There were 240 admissions in West Yorkshire hospitals, 175 across South Yorkshire "
                                   "and 140 in Merseyside."])
    levels = [(r.metric, r.value, r.place) for r in found if r.direction == "none"]
    assert levels == [("hospital admissions for assault by a sharp object", 240.0, "West Yorkshire"),
                      ("hospital admissions for assault by a sharp object", 175.0, "South Yorkshire"),
                      ("hospital admissions for assault by a sharp object", 140.0, "Merseyside")]


@pytest.mark.parametrize("sentence, expected", [
    ("London teenage murders at 13-year low", ("teenage murders", "down")),
    ("The use of blades on the street shot up by a whopping 152 per cent.", ("knife crime", "up")),
    ("Gun crimes stayed almost level with the previous year at 6,144.", ("gun crime", "none")),
    ("Nine in ten forces saw crimes rocket over ten years.", ("knife crime", "up")),
])
def test_more_ways_of_saying_up_down_and_level(sentence: str, expected: tuple[str, str]) -> None:
    assert [(m, d) for m, d, *_ in rows(sentence)][:1] == [expected]


@pytest.mark.parametrize("sentence", [
    "Over the same period the number of convictions or cautions for knife crime has fallen.",
    "The fund backs small community projects that cut knife crime.",
    "The unit faced a budget cut of 3 per cent on violence prevention.",
    "Just one in six knife-related crimes in London has been solved.",
    "An average of 16 offences were recorded a day.",
    "Six of the 10 boroughs with the highest increases in unemployment are in the top 10 for serious violence.",
])
def test_not_crime_figures(sentence: str) -> None:
    assert rows(sentence) == []


def test_one_sentence_saying_a_change_twice_is_one_row_and_the_headline_is_read() -> None:
    found = rows("The increase in robberies was apparent for the fourth year in a row, with a 12% rise to 82,542 offences.")
    assert found == [("robbery", "up", 82542.0, None, "offences")]
    headline = extract_outcomes("a", ["Figures were published on Thursday."], "Knife crime hits record high")
    assert [(r.sentence_no, r.metric, r.direction) for r in headline] == [(0, "knife crime", "up")]


def test_a_share_of_areas_is_not_a_level() -> None:
    # "38 of 44 police force areas": neither number counts offences
    assert rows("The ONS report said knife offences had risen in 38 of 44 police force areas.") == [
        ("knife crime", "up", None, None, "offences")]


def test_a_knife_named_in_the_next_clause_belongs_to_that_clause() -> None:
    assert rows("Robberies in the borough rocketed from 1,020 to 1,340 last year, while knife injuries among "
                "under-25s stayed almost level at 96.") == [
        ("robbery", "up", 1340.0, 1020.0, "offences"), ("knife crime with injury", "none", 96.0, None, "victims")]
    assert rows("Robberies involving a knife rose by 5%.")[0][0] == "knife robberies"


@pytest.mark.parametrize("sentence, places", [
    ("In the 12 months to March 2020, knife crime rose in England and Wales by 6%, with London recording a "
     "bigger increase of 7%.", ["England and Wales", "London"]),
    ("Knife crime rose by 10% in Kent, and it rose by 4% in Essex.", ["Kent", "Essex"]),
    ("Knife crime in Kent rose by 10% last year and fell by 2% this year.", ["Kent", "Kent"]),
    ("Robberies rose 5% in Kent while burglaries fell 3% in Essex.", ["Kent", "Essex"]),
])
def test_a_second_change_of_the_same_metric_takes_the_place_of_its_own_clause(sentence: str, places: list[str]) -> None:
    assert [r.place for r in extract_outcomes("a", [sentence], "")] == places


@pytest.mark.parametrize("sentence, expected", [
    # categories of the official statistics beyond knives and homicide (vocabularies/metrics.csv)
    ("Firearms discharges in Leeds fell by 12% to 34 last year.", ("firearm discharges", "down", 34.0, None, "incidents")),
    ("There were 340 possession of weapons offences in Leeds last year.",
     ("possession of weapons offences", "none", 340.0, None, "offences")),
    ("Acid attacks in London rose by 20% last year.", ("corrosive substance attacks", "up", None, None, "offences")),
    ("Violence with injury in South Wales increased by 5% to 11,903 offences.",
     ("violence with injury", "up", 11903.0, None, "offences")),
    ("Domestic abuse-related offences rose by 6% in Essex.", ("domestic abuse", "up", None, None, "offences")),
    # a modifier, a knife cue or a qualifier between a count and its metric
    ("There were 1,598 knife-enabled robberies in Birmingham last year.",
     ("knife robberies", "none", 1598.0, None, "offences")),
    ("Police recorded 212 gang-related offences in Croydon.", ("gang incidents", "none", 212.0, None, "offences")),
])
def test_more_metrics_and_counts_with_modifiers(sentence: str, expected: tuple) -> None:
    assert rows(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("There were 46 knife injuries in Southwark last year, up from 31 in 2021.",
     ("knife crime with injury", "up", 46.0, 31.0, "victims")),
    ("Knife injuries in Southwark rose to 46 last year, up from 31 in 2021.",
     ("knife crime with injury", "up", 46.0, 31.0, "victims")),
    ("Knife crime in Essex was down 14% on last year, with 1,021 offences compared with 1,187.",
     ("knife crime", "down", 1021.0, 1187.0, "offences")),
    ("Knife crime in Essex fell to 1,021 offences from 1,187.", ("knife crime", "down", 1021.0, 1187.0, "offences")),
    # a year after "from" is a period, not a base
    ("Robberies in Leeds rose by 10% to 1,200 from 2019 to 2023.", ("robbery", "up", 1200.0, None, "offences")),
])
def test_the_base_a_figure_is_compared_with(sentence: str, expected: tuple) -> None:
    assert rows(sentence) == [expected]


def test_a_base_given_in_the_next_sentence_turns_a_level_into_a_change() -> None:
    found = extract_outcomes("a", ["Knife crime in Birmingham reached 3,412 offences in the 12 months to June.",
                                   "That compares with 2,890 the year before."])
    assert [(r.metric, r.direction, r.value, r.base_value) for r in found] == [("knife crime", "up", 3412.0, 2890.0)]


@pytest.mark.parametrize("sentence, expected", [
    ("There were 2,655 knife crimes in the year to September, compared to 3,028 the year before - a reduction of "
     "12 per cent.", ("knife crime", "down", 2655.0, 3028.0, "offences")),
    # "almost the same": a level with its base, still a level
    ("Knife crime in Belfast stayed high, with 1,163 offences recorded last year - almost the same as the 1,171 "
     "the year before.", ("knife crime", "none", 1163.0, 1171.0, "offences")),
    ("There were nine murders involving a knife, two fewer than in 2022.", ("knife homicides", "down", 9.0, 11.0,
                                                                           "homicides")),
])
def test_bases_after_a_period_phrase_a_sameness_or_a_difference(sentence: str, expected: tuple) -> None:
    assert [r for r in rows(sentence) if r[2] is not None] == [expected]


def test_a_count_of_admissions_is_the_admissions_metric_named_before() -> None:
    found = extract_outcomes("a", ["Study of 18 areas finds admissions fell faster where units were set up."],
                             "Violence reduction units 'have cut hospital admissions for stabbings'")
    assert {(r.metric, r.direction) for r in found} == {("hospital admissions for assault by a sharp object", "down")}


@pytest.mark.parametrize("sentence, expected", [
    # a count after "of"/"by" is how much it changed, not the value it reached
    ("Knife crime in Essex saw an increase of 2,044 offences compared with the previous year.",
     [("knife crime", "up", None, None, "offences")]),
    ("NHS data show there were 3,600 admissions for assault by a sharp object in the year ending March 2024, "
     "5% fewer than a year earlier.", [("hospital admissions for assault by a sharp object", "down", 3600.0, None,
                                       "admissions")]),
    ("Homicides in Wales remained stable at 57.", [("homicide", "none", 57.0, None, "homicides")]),
    ("Recorded crimes of non-sexual violence in Scotland rose by 2% to 9,476.",
     [("violent crime", "up", 9476.0, None, "offences")]),
    ("Handling an offensive weapon in Scotland was down by 5%.",
     [("possession of weapons offences", "down", None, None, "offences")]),
    # a count noun right after a metric is part of it: the list stays one list
    ("Attempted murder and serious assault cases in Glasgow went up from 3,900 to 4,100.",
     [("attempted murder", "up", 4100.0, 3900.0, "offences"), ("assault", "up", None, None, "offences")]),
    # justice figures are not crime figures, however many words stand between
    ("There were 838 convictions or cautions for possessing a knife or offensive weapon, down 39%.", []),
])
def test_changes_by_counts_differences_in_percent_and_more_categories(sentence: str, expected: list) -> None:
    assert rows(sentence) == expected


@pytest.mark.parametrize("sentence, magnitude, change", [
    ("Violent crime in Bristol is down by a fifth on last year.", "a fifth", -0.2),
    ("Robberies in Leeds fell by almost a quarter.", "almost a quarter", -0.25),
    ("Knife crime in Hull rose by half.", "half", 0.5),
])
def test_a_change_by_a_fraction(sentence: str, magnitude: str, change: float) -> None:
    found = [r for r in extract_outcomes("a", [sentence])]
    assert [(r.magnitude, round(r.change, 3)) for r in found] == [(magnitude, change)]
