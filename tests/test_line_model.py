"""The line classifier: committed, current, deterministic, and used with its reasons."""
from __future__ import annotations

import json

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
