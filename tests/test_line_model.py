"""The line classifier: committed, current, deterministic, and used with its reasons."""
from __future__ import annotations

import json
from dataclasses import replace

from src.clean import train
from src.clean.lines import BOILERPLATE, CONTENT, clean_text
from src.clean.model import MODEL_PATH, LineView, line_features, load_model

PROSE = ("The council said the new youth programme would run in three boroughs from next spring, "
         "with mentors working in schools and hospitals.")


def test_committed_model_was_trained_on_the_current_labelled_data() -> None:
    stored = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert stored["training_data_sha256"] == train.training_hash(train.load_pages()), \
        "labelled pages, furniture phrases or cleaning code changed: run `make train` and commit the model"


def test_model_features_are_the_features_the_cleaner_computes() -> None:
    model = load_model()
    assert model is not None
    views = [LineView(PROSE, CONTENT, ""), LineView("Skip Ad", BOILERPLATE, "section label")]
    assert set(model.features) == set(line_features(views)[0])
    assert 0.0 < model.threshold < 1.0


def test_cross_validated_figures_are_recorded_per_corpus() -> None:
    cv = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["cross_validation"]
    assert "GroupKFold" in cv["method"]
    for key in ("dev_boilerplate_removed", "dev_content_kept", "seeds_content_kept"):
        assert 0.0 <= cv[key] <= 1.0


def test_training_is_deterministic() -> None:
    pages = train.load_pages()
    assert train.train(pages) == train.train(pages)


def test_hard_wrapped_paragraph_is_joined_back() -> None:
    text = ("Knife crime money for the county\n\nThe unit will be tasked\nwith finding what drives serious "
            "violence in the county and drawing up\na plan to deal with it.\n\n" + PROSE)
    out = clean_text(text)
    assert ("The unit will be tasked with finding what drives serious violence in the county and drawing up "
            "a plan to deal with it.") in out.body.split("\n")


def test_a_page_with_no_blank_lines_is_not_read_as_one_wrapped_paragraph() -> None:
    # a lower-case menu item ("iPlayer") runs on into the next line, and the page ends on a sentence:
    # read as one paragraph, its menu, caption and newsletter lines were glued into the article
    text = "\n".join(["Skip to main content", "News", "iPlayer", "Weather", "Youth project gets £400,000",
                      "Youth workers at the hospital (Image: Wales News Service)", PROSE,
                      "Get the biggest stories straight to your inbox", "Sign up",
                      PROSE.replace("council", "mayor"), "© 2024 Media Wales Ltd. All rights reserved."])
    out = clean_text(text)
    assert PROSE in out.body.split("\n")
    assert "Image: Wales News Service" not in out.body
    assert "Sign up" not in out.body


def test_a_wrapped_paragraph_under_a_headline_with_no_blank_line_starts_at_its_first_line() -> None:
    text = ("NEWS RELEASE\nUnit launched with £880,000\n2 September 2019\n"
            "The county's new unit was formally\nlaunched today with Home Office funding to\n"
            "tackle the causes of serious violence.\n" + PROSE)
    out = clean_text(text)
    assert out.title == "Unit launched with £880,000"
    assert ("The county's new unit was formally launched today with Home Office funding to tackle the causes "
            "of serious violence.") in out.body.split("\n")


def test_a_paragraph_between_ad_labels_and_a_teaser_is_read_past_them() -> None:
    # a Reach-style body: ad labels in pairs and a "READ MORE:" teaser between short paragraphs. The
    # short label above made the model read the paragraph as furniture (p = 0.57); read past the lines
    # the rules removed, it stands between two paragraphs
    paragraph = "The funding will run for two years and covers three hospitals in Cardiff and Swansea."
    text = "\n".join([
        "Knife crime project in Cardiff gets £400,000 from police commissioner", "By Rhys Owen",
        "10:15, 4 MAR 2024", PROSE,
        "Police recorded 1,204 knife offences in the South Wales force area last year, up 9% on the year before.",
        "Advertisement", "Advertisement", paragraph,
        "READ MORE: Teenager stabbed outside Cardiff shopping centre",
        "A spokesperson for the health board said the scheme had already worked with 230 young people.",
        "Most Read", "Man dies after crash on M4 near Newport"])
    out = clean_text(text)
    assert paragraph in out.body.split("\n")
    assert "Advertisement" not in out.body and "READ MORE" not in out.body
    # a promotion printed as prose next to removed lines, with no paragraph below it, is still read as it stands
    promo = "Our journalists work hard to bring you the news. Support local journalism by subscribing."
    out = clean_text("\n".join(["Durham knife amnesty nets 400 blades", PROSE, PROSE.replace("council", "mayor"),
                                "Read more", "Teenager jailed for carrying machete in Darlington", promo,
                                "Subscribe for just £1", "Comments", "Comments are closed on this article."]))
    assert promo not in out.body


def test_short_lines_between_furniture_are_furniture_and_a_subheading_between_paragraphs_stays() -> None:
    # an app promotion: its short lines stand between lines the rules remove (a label, a call to action)
    text = "\n".join(["Teenager stabbed in Croydon named by police", PROSE, PROSE.replace("council", "mayor"),
                      "Advertisement", "Every story from our titles.", "One subscription.", "Begin reading",
                      "Most Read", "Man dies after crash on M4 near Newport"])
    out = clean_text(text)
    assert "Every story from our titles." not in out.body and "One subscription." not in out.body
    # with a model that removes nothing, the context rule alone takes them (and says so)
    out = clean_text(text, model=replace(load_model(), threshold=1.01))
    assert [ln.reason for ln in out.lines if ln.text in ("Every story from our titles.", "One subscription.")] == \
        ["short line among furniture"] * 2
    assert PROSE in out.body.split("\n")
    # a short subheading with paragraphs around it is the article's
    text = "\n".join(["Teenager stabbed in Croydon named by police", PROSE, "What happens next",
                      PROSE.replace("council", "mayor"), "Advertisement"])
    assert "What happens next" in clean_text(text).body.split("\n")


def test_a_last_line_cut_off_mid_word_is_kept() -> None:
    out = clean_text(PROSE + "\n\n" + PROSE.replace("council", "mayor") + "\n\nThe winning b")
    assert out.body.endswith("The winning b")


def test_lines_the_model_removes_say_why() -> None:
    text = ("Funding boost for youth clubs\n\n" + PROSE + "\n\nSkip Ad\n\n" + PROSE.replace("council", "mayor")
            + "\n\nA single app. All your news together.\n\n" + PROSE.replace("council", "charity"))
    out = clean_text(text)
    reasons = {ln.text: ln.reason for ln in out.lines if ln.label == BOILERPLATE}
    assert "Skip Ad" not in out.body
    assert all(r for r in reasons.values())
    model_lines = [r for r in reasons.values() if r.startswith("line model p=")]
    assert all(": " in r for r in model_lines)


def test_the_spread_over_page_splits_is_recorded() -> None:
    spread = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["cross_validation_spread"]
    cv = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["cross_validation"]
    assert spread["splits"] == train.SPLITS
    for key in train.SPREAD_KEYS:
        figures = spread[f"dev_{key}"]
        assert 0.0 <= figures["min"] <= figures["mean"] <= figures["max"] <= 1.0
        assert figures["min"] <= round(cv[f"dev_{key}"], 4) <= figures["max"]  # the recorded split is one of them


def test_template_pages_are_read_with_a_label_per_line(tmp_path) -> None:
    page = tmp_path / "t_example.txt"
    page.write_text("#published: 2020-03-05\nb|Home\nt|Council wins £1m\nd|5 March 2020\n\nc|" + PROSE
                    + "\nb|Share this page\n", encoding="utf-8")
    (read,) = train.load_template_pages(tmp_path)
    assert read.labels == ["boilerplate", "title", "date", "content", "boilerplate"]
    assert read.text.split("\n")[3] == ""  # the blank line stands where it was
    assert (read.gold["title"], read.gold["published"]) == ("Council wins £1m", "2020-03-05")
    assert read.gold["lines"][3] == ["content", PROSE]


def test_a_template_line_without_a_known_label_is_an_error(tmp_path) -> None:
    (tmp_path / "t_bad.txt").write_text("x|Home\n", encoding="utf-8")
    try:
        train.load_template_pages(tmp_path)
    except RuntimeError as error:
        assert "t_bad.txt:1" in str(error)
    else:
        raise AssertionError("an unknown label was accepted")


def test_the_template_pages_are_scored_but_never_on_a_page_trained_on() -> None:
    stored = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert stored["training_pages"]["templates"] == len(train.load_template_pages()) > 0
    assert 0.0 <= stored["cross_validation"]["templates_boilerplate_removed"] <= 1.0


def test_a_line_of_a_hard_wrapped_paragraph_is_never_the_headline() -> None:
    text = ("For immediate release\nUnit launched with £880,000\n2 September 2019\n\n"
            "The county's new unit was formally\nlaunched today with Home Office funding to\n"
            "tackle the causes of serious violence.\n\n"
            "The unit will be based at police headquarters and\nwill bring together the police, the council\n"
            "and the NHS.\n\n" + PROSE)
    assert clean_text(text).title == "Unit launched with £880,000"


def test_furniture_above_the_headline_does_not_push_headline_and_date_out_of_reach() -> None:
    menu = "\n".join(["Skip to main content", "Cookies on this site", "Accept cookies", "Reject cookies", "Menu",
                      "Home", "News", "Sport", "Weather", "Crime", "Politics", "Business", "Features"])
    text = (menu + "\nCouncil invests £1m in youth violence prevention\n" + PROSE
            + "\nPublished 7 February 2023\n" + PROSE.replace("council", "mayor"))
    out = clean_text(text)
    assert (out.title, out.published) == ("Council invests £1m in youth violence prevention", "2023-02-07")


def test_a_teaser_date_below_the_article_is_not_the_publication_date() -> None:
    # furniture above the headline widens the window the date is looked for in, but not past the
    # article's second paragraph
    menu = "\n".join(["Skip to main content", "Menu", "Home", "News", "Sport", "Weather", "Crime", "Politics"])
    body = "\n\n".join(PROSE.replace("council", who) for who in ("council", "mayor", "charity", "police", "board"))
    text = (menu + "\nKnife crime: Funding boost\n\n" + body
            + "\n\nMore on this story\nKnife crime at record high\nPublished\n18 July 2019")
    assert clean_text(text).published == ""


def _toy_pages(n: int) -> list[train.Page]:
    pages = []
    for i in range(n):
        text = f"Sign up to our newsletter\n{PROSE}\nPlace{i} council said the money would help"
        pages.append(train.Page(f"p{i}", "dev", text, ["boilerplate", "content", "content"], {}))
    return pages


def test_the_lexicon_weighs_words_seen_on_enough_pages_by_the_lines_that_hold_them() -> None:
    pages = _toy_pages(4)
    names, data = train.page_data(pages)
    lexicon = train.build_lexicon(pages, data)
    assert lexicon["newsletter"] > 0 > lexicon["council"]
    assert "place0" not in lexicon  # one page's own word is never weighed
    assert train.build_lexicon(pages[:train.LEXICON_MIN_PAGES - 1], data) == {}


def test_the_lexicon_column_of_a_training_page_never_comes_from_its_own_lines() -> None:
    pages = _toy_pages(train.FOLDS)
    names, data = train.page_data(pages)
    fitted = train.cross_fitted(pages, data, names)
    col = names.index("lexicon")
    for p in pages:
        others = [q for q in pages if q is not p]
        own_lexicon = train.build_lexicon(others, data)
        expected = train.with_lexicon([p], data, names, own_lexicon)[p.page_id][0][:, col]
        assert list(fitted[p.page_id][0][:, col]) == list(expected)


def test_the_committed_model_carries_its_lexicon_and_the_cleaner_reads_it() -> None:
    model = load_model()
    assert model is not None and model.lexicon
    views = [LineView("Sign up to our daily newsletter", CONTENT, ""), LineView(PROSE, CONTENT, "")]
    with_words = line_features(views, model.lexicon)
    assert with_words[0]["lexicon"] > 0 > with_words[1]["lexicon"]
    assert line_features(views)[0]["lexicon"] == 0.0


def test_picture_credits_are_seen_wherever_the_caption_prints_them() -> None:
    from src.clean.model import credit_marker

    assert credit_marker("Sadiq Khan says City Hall is covering the shortfall. Picture: Tom Simpson/GLA")
    assert credit_marker("Blade offences are climbing up and down the countryCredit: Alamy - Contributor")
    assert credit_marker("Officers on foot patrol in Glasgow city centre at night. | Adobe")
    assert credit_marker("Courtesy of the Home Office")
    assert not credit_marker("The picture across the country is mixed, the report said.")
    assert not credit_marker("Home | News | Sport")


def test_media_lead_ins_and_closing_prompts_are_features() -> None:
    from src.clean.model import ends_with_prompt, media_lead_in

    assert media_lead_in("See the moment families gathered at the Knife Angel in Hull")
    assert media_lead_in("Here the Assistant Chief Constable appeals to the public to help:")
    assert not media_lead_in("Here are the figures for each force:")
    assert ends_with_prompt("Our new manifesto sets out 22 steps across five themes. Download it now.")
    assert not ends_with_prompt("The money will go to youth clubs in Hull. It runs for three years.")


def test_a_long_line_printed_twice_or_as_the_start_of_another_is_a_repeat() -> None:
    from src.clean.model import line_key, long_repeats

    caption = "Blade offences in Britain are climbing in smaller towns and villages"
    keys = [line_key(t) for t in (caption, "3", caption + "Credit: Alamy", "Short line here",
                                  "A different sentence of more than six words here.")]
    assert long_repeats(keys) == [2, -1, 0, -1, -1]
    assert long_repeats([line_key("Short"), line_key("Short")]) == [-1, -1]  # short labels are `repeated`


def test_a_paragraph_of_a_quotation_over_several_paragraphs_continues_it() -> None:
    views = [LineView(t, "content", "") for t in
             ('The chief constable said: "We are pleased.', '"We will go on.', '"Thank you all."')]
    feats = line_features(views)
    assert [f["continues_quote"] for f in feats] == [0.0, 1.0, 1.0]


def test_a_cookie_or_beta_banner_is_furniture_however_long() -> None:
    from src.clean.lines import furniture_reason

    banner = ("We use a small number of essential cookies to make this website work. We would also like to set "
              "optional cookies to remember your settings and see how you use the site, so that we can improve "
              "it, which will only be set if you accept them.")
    assert len(banner.split()) > 40 and furniture_reason(banner) == "site banner"
    assert furniture_reason("This site is in beta, which means it's still being built and we'll be adding "
                            "to it over the coming weeks; your comments help us to improve it.") == "site banner"
    assert furniture_reason("Officers said the cookies were handed out at the youth club.") == ""


def test_a_teaser_label_with_a_colon_opens_a_link_to_another_article() -> None:
    from src.clean.lines import furniture_reason

    for line in ("READ MORE: Teenager stabbed to death in park named by police",
                 "MORE : Boy, 16, charged with murder after stabbing in south London",
                 "Related: Knife crime rises in 33 of 43 force areas"):
        assert furniture_reason(line) == "related-content teaser", line
    assert furniture_reason("Mr Smith: We will not stop until the streets are safe.") == ""
    assert furniture_reason("Today at 06:30") == "relative timestamp"
    assert furniture_reason("This website and associated newspapers adhere to the Independent Press Standards "
                            "Organisation's Editors' Code of Practice.") == "site banner"
