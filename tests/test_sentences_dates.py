from __future__ import annotations

from datetime import date

import pytest

from src.clean.dates import date_line, dateline_in_text, find_dates, infer_weekday_date, years_mentioned
from src.clean.sentences import split_body, split_sentences
from src.clean.lines import clean_text


@pytest.mark.parametrize("text", [
    "The PCC pledged £63.4m for the scheme in Birmingham.",
    "Cllr David Harvey welcomed it.",
    "Jon Cruddas MP spoke in Dagenham.",
    "Homicides fell between 2006-7 and 2016-17 in Glasgow.",
    "Further measures can be found on GOV.UK today.",
    "J. K. Smith and Dr. Jones met St. Mungo's staff.",
    'He said: "We are here. We will stay. It matters."',
])
def test_no_break_inside(text: str) -> None:
    assert split_sentences(text) == [text]


def test_breaks_between_sentences() -> None:
    assert split_sentences("Crime fell. It rose again! Why? \"Because,\" she said. £5m was spent.") == [
        "Crime fell.", "It rose again!", "Why?", "\"Because,\" she said.", "£5m was spent."]


def test_paragraphs_never_join() -> None:
    assert split_body("First part\nSecond part.") == ["First part", "Second part."]


@pytest.mark.parametrize("line, expected", [
    ("10th Aug 22 12:21 pm", date(2022, 8, 10)), ("Published: 5 July 2018", date(2018, 7, 5)),
    ("Tuesday 3 March 2020", date(2020, 3, 3)), ("March 3, 2020", date(2020, 3, 3)),
    ("2019-07-30", date(2019, 7, 30)), ("30/07/2019", date(2019, 7, 30)), ("Updated 1 Sept 2019, 10:04 BST", date(2019, 9, 1)),
])
def test_date_lines(line: str, expected: date) -> None:
    assert date_line(line) == expected


def test_date_line_rejects_prose_and_impossible_weekday() -> None:
    assert date_line("The meeting on 5 July 2018 agreed a new plan for the city.") is None
    assert date_line("Friday 5 July 2018") is None  # 5 July 2018 was a Thursday


def test_dateline_forms() -> None:
    assert dateline_in_text(["At today's (5 July 2018) meeting, the minister spoke."]) == date(2018, 7, 5)
    assert dateline_in_text(["LONDON, 12 March 2019 - The Home Office said."]) == date(2019, 3, 12)
    assert dateline_in_text(["On 12 March 2019 the Home Office said it would act."]) is None


def test_years_ignore_targets_and_money() -> None:
    assert years_mentioned("since 2014, by 2030, £2019m, 2016/17") == [2014, 2017]


def test_weekday_inference_window() -> None:
    assert infer_weekday_date("On Monday 1st July the unit opened; crime has fallen since 2017.") == date(2019, 7, 1)
    assert infer_weekday_date("On Monday 1st July the unit opened.") is None


def test_find_dates_ignores_future() -> None:
    assert find_dates("on 1 January 2999") == []


def test_an_update_stamp_glued_to_its_time_is_not_the_publication_date() -> None:
    # copied Reach pages print "Updated08:41, 3 NOV 2022" with no space after the word
    page = ("Youth violence scheme gets £600,000 for hospital mentors\nBy Daniel Harker\n"
            "Updated08:41, 4 NOV 2022\n06:00, 3 NOV 2022\n"
            "A scheme that sends youth workers to the bedside of young people admitted with stab wounds "
            "is to get £600,000 over two years.")
    out = clean_text(page)
    assert out.published == "2022-11-03"
    assert "Updated" not in out.body
