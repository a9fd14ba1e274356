"""Every speaker: role-only and organisation speakers, headline quotes, a new turn after reported
speech, people introduced with a lower-case role. Expectations read off the text by hand."""
from __future__ import annotations

from src.claims.quotes import extract_quotes


def turns(paragraphs: list[str], title: str = "") -> list[tuple[str, str]]:
    return [(q.speaker, q.quote.split()[0]) for q in extract_quotes("a", paragraphs, title)]


def test_a_speaker_named_only_by_role_or_organisation_is_the_role_as_printed() -> None:
    assert turns(['A spokesman said: "For most communities knife crime is still rare."']) == [("A spokesman", "For")]
    assert turns(['The ONS report said: "Although improvements in recording played a part, the rise is real."']) == [
        ("The ONS report", "Although")]


def test_a_headline_quote_takes_the_speaker_named_in_the_article() -> None:
    found = turns(['"Huge falls in funding have meant cuts," Mayor Sadiq Khan said.'],
                  title="'Cuts to youth services have driven a rise in violent crime' says London mayor")
    assert found == [("Sadiq Khan", "Cuts"), ("Sadiq Khan", "Huge")]


def test_a_quoted_paragraph_after_reported_speech_is_a_turn_of_that_speaker() -> None:
    found = turns(["SDLP MLA Dolores Kelly and DUP MLA Mervyn Storey both spoke.",
                   'Mr Storey said the figures had become "a sad reflection on our society".',
                   '"I\'m not really sure what the answer is."'])
    assert found == [("Mervyn Storey", "I'm")]


def test_a_person_introduced_with_a_lower_case_role_is_who_she_and_he_are() -> None:
    found = turns(["Bedfordshire Police's assistant chief constable, Jackie Sebire, welcomed the money.",
                   'She said: "I\'m a firm believer that a whole system approach is needed."',
                   "Patrick Green, chairman of the Ben Kinsella Trust, described the figures as disturbing.",
                   'He added: "I have long worried about this."'])
    assert found == [("Jackie Sebire", "I'm"), ("Patrick Green", "I")]


def test_a_short_quoted_phrase_inside_a_sentence_is_not_a_turn() -> None:
    assert turns(['The increase in robberies was "apparent for the fourth year in a row", the ONS said.']) == []


def test_an_office_whose_holder_is_never_named_speaks_as_printed() -> None:
    assert turns(['The Home Secretary said: "We will not stand by while young people are killed."']) == [
        ("The Home Secretary", "We")]
    # when the article names the holder, the holder speaks
    assert turns(["Home Secretary Sajid Javid visited the unit on Monday.",
                  'The Home Secretary said: "We will not stand by while young people are killed."']) == [
        ("Sajid Javid", "We")]


def test_according_to_a_source_with_a_quotation_is_a_quote_of_that_source() -> None:
    assert turns(['According to the Home Office, "the funding will help forces tackle the root causes".']) == [
        ("the Home Office", "the")]
    assert turns(["According to the report, the figures rose."]) == []  # no quotation: reported, not quoted


def test_an_office_speaks_as_its_holder_only_where_the_article_names_the_holder() -> None:
    from src.claims.quotes import extract_quotes
    named = extract_quotes("a", ["Andy Burnham has opened a new youth centre in Oldham.",
                                 '"This is about giving young people somewhere to go," the Mayor said.'])
    assert [(q.speaker, q.role) for q in named] == [("Andy Burnham", "Mayor of Greater Manchester")]
    unnamed = extract_quotes("a", ['"This is about giving young people somewhere to go," the Mayor said.'])
    assert [(q.speaker, q.role) for q in unnamed] == [("the Mayor", "")]


def test_headline_quotes_framed_by_a_dash_or_a_colon_need_a_speaker_the_article_names() -> None:
    from src.claims.quotes import extract_quotes
    body = ["West Midlands Police Chief Constable Craig Guildford said the force was seizing more knives."]
    dash = extract_quotes("a", body, "'We cannot arrest our way out of this' - police chief")
    assert [(q.speaker, q.quote) for q in dash] == [("Craig Guildford", "We cannot arrest our way out of this")]
    colon = extract_quotes("a", ["Sadiq Khan has pledged £15m for youth clubs."],
                           "Sadiq Khan: 'We will not stand by while our children die'")
    assert [(q.speaker, q.quote) for q in colon] == [("Sadiq Khan", "We will not stand by while our children die")]
    assert extract_quotes("a", ["Knife crime rose by 5% in Leeds."], "Knife crime: 'a national emergency for all'") == []


def test_a_quote_split_by_its_attribution_is_one_turn_and_short_phrases_in_reported_speech_are_not_quotes() -> None:
    from src.claims.quotes import extract_quotes
    found = extract_quotes("a", ["Home Office minister Sarah Jones visited the project.",
                                 '"We want every young person to feel safe," she added, "whether they are in school '
                                 'or in the park."',
                                 'Ms Jones added that officers were "working flat out".',
                                 'Labour MP Jess Phillips tweeted: "Another child stabbed. When will this end?"'])
    assert [(q.speaker, q.quote) for q in found] == [
        ("Sarah Jones", "We want every young person to feel safe, whether they are in school or in the park."),
        ("Jess Phillips", "Another child stabbed. When will this end?")]


def test_an_age_or_a_bare_article_is_not_a_role() -> None:
    from src.claims.quotes import parse_attribution
    assert parse_attribution("Jermaine Lawlor, 44, who runs a boxing club,").role == "Who runs a boxing club"
    assert parse_attribution("The Ben Kinsella Trust").role == ""


def test_a_short_phrase_quoted_in_reported_speech_is_not_a_quote() -> None:
    from src.claims.quotes import extract_quotes
    found = extract_quotes("a", ['Chief Constable Mark Webster said the money was "a welcome boost".',
                                 'Chief Constable Mark Webster told reporters "It is a welcome boost".'])
    assert [(q.speaker, q.quote) for q in found] == [("Mark Webster", "It is a welcome boost")]


def test_a_quoted_view_of_the_person_just_named_with_their_role_before_a_comma() -> None:
    from src.claims.quotes import extract_quotes
    found = extract_quotes("a", ["The Deputy Mayor of Greater Manchester, Bev Hughes has accused the Home Secretary "
                                 "of going back on promises. In her view the £4m funding is 'little more than a "
                                 "sticking plaster on a problem doing real damage to our communities.'"])
    assert [(q.speaker, q.role, q.quote[:30]) for q in found] == [
        ("Bev Hughes", "Deputy Mayor of Greater Manchester", "little more than a sticking pl")]


def test_a_lead_clause_before_the_speaker_is_not_a_role() -> None:
    from src.claims.quotes import parse_attribution
    assert parse_attribution("Responding to the figures, Jon Yates").role == ""
    assert parse_attribution("Asked about the cuts, Jane Mudd").role == ""


def test_a_role_word_can_be_a_surname_after_a_given_name() -> None:
    from src.claims.quotes import extract_quotes, parse_attribution
    assert [parse_attribution(n).name for n in ("Sarah Green", "Ellie Hall", "Tom West")] == [
        "Sarah Green", "Ellie Hall", "Tom West"]
    assert [parse_attribution(n) for n in ("West Midlands Police", "City Hall", "Police Scotland")] == [None] * 3
    found = extract_quotes("a", ['"Knife crime is a national emergency for all of us," said Ellie Hall.'])
    assert [q.speaker for q in found] == ["Ellie Hall"]
