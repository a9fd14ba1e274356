"""Word, RTF and PDF files, and news-database exports holding many articles, made here in the test."""
from __future__ import annotations

from pathlib import Path

import pytest

from src.clean.articles import clean_corpus

NEXIS_ITEMS = [
    ("Knife crime funding boost for London schools", "The Guardian", "March 14, 2019 Thursday", "Jane Smith",
     ["The Home Office will give £5m to schools in London to tackle knife crime, the Home Secretary said on "
      "Thursday.", "It is the second grant of its kind this year, and teachers said it would pay for mentors."]),
    ("Violence reduction unit opens in Cardiff", "Western Mail", "2 April 2019", "Tom Jones",
     ["A new violence reduction unit opened in Cardiff on Tuesday with £1.2m of funding from the police and "
      "crime commissioner.", "Youth workers will sit in the emergency department of the University Hospital."]),
    ("Gangs unit praised by minister", "Evening Standard", "3 May 2019", "Amy Lee",
     ["The integrated gangs unit in Westminster was praised by the Minister for London on Friday for its work "
      "with young people.", "Officers and council staff share one office in Marylebone."]),
]


def _nexis_paragraphs() -> list[str]:
    out: list[str] = []
    for headline, source, date, byline, body in NEXIS_ITEMS:
        out += [headline, source, date, f"Byline: {byline}", "Section: NEWS; Pg. 4",
                f"Length: {sum(len(p.split()) for p in body)} words", "Body", *body,
                "Load-Date: May 4, 2019", "End of Document"]
    return out


def _docx(path: Path, paragraphs: list[str]) -> None:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(str(path))


def _rtf(path: Path, paragraphs: list[str]) -> None:
    def escape(text: str) -> str:
        return "".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in text)

    body = "".join(f"{escape(p)}\\par\n" for p in paragraphs)
    path.write_text("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times;}}\n" + body + "}", encoding="ascii")


def _pdf(path: Path, lines: list[str] | None) -> None:
    """A one-page PDF with these lines as real text, or with a drawing and no text at all."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context({"pdf.fonttype": 42}):
        fig = plt.figure(figsize=(8.3, 11.7))
        if lines:
            for i, line in enumerate(lines):
                fig.text(0.05, 0.95 - i * 0.03, line, fontsize=9)
        else:
            fig.add_artist(plt.Rectangle((0.2, 0.2), 0.5, 0.5, color="grey"))
        fig.savefig(path)
        plt.close(fig)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    raw = tmp_path_factory.mktemp("documents")
    _docx(raw / "nexis export.docx", _nexis_paragraphs())
    _rtf(raw / "statement.rtf", ["Council funds youth workers", "By Sam Patel", "12 June 2019",
                                 "Leeds City Council will spend £300,000 on youth workers in the city centre over "
                                 "two years, the council said.", "The money comes from the council's own budget."])
    _pdf(raw / "press release.pdf", ["Police and crime commissioner announces £2m for knife crime",
                                     "21 October 2019",
                                     "The commissioner said £2m would go to projects in Bristol that steer young",
                                     "people away from knife crime, with the first grants paid in January."])
    _pdf(raw / "scan.pdf", None)
    return clean_corpus(raw, workers=1)


def test_an_export_becomes_one_article_per_item(corpus) -> None:
    arts = corpus.articles.set_index("article_id")
    ids = [f"nexis export-{n}" for n in (1, 2, 3)]
    assert set(ids) <= set(arts.index)
    assert [arts.loc[i, "title"] for i in ids] == [item[0] for item in NEXIS_ITEMS]
    assert [arts.loc[i, "published"] for i in ids] == ["2019-03-14", "2019-04-02", "2019-05-03"]
    assert [arts.loc[i, "byline"] for i in ids] == ["Jane Smith", "Tom Jones", "Amy Lee"]
    assert "£5m to schools in London" in arts.loc[ids[0], "body"]
    assert "Load-Date" not in arts.loc[ids[0], "body"] and "Length:" not in arts.loc[ids[0], "body"]
    assert all(arts.loc[i, "source_file"] == "nexis export.docx" for i in ids)


def test_rtf_and_pdf_with_text_are_read(corpus) -> None:
    arts = corpus.articles.set_index("article_id")
    assert arts.loc["statement", "title"] == "Council funds youth workers"
    assert arts.loc["statement", "published"] == "2019-06-12"
    assert "£300,000 on youth workers" in arts.loc["statement", "body"]
    assert "£2m" in arts.loc["press release", "body"] and arts.loc["press release", "published"] == "2019-10-21"


def test_pdf_without_text_layer_is_skipped_with_that_reason(corpus) -> None:
    skipped = dict(zip(corpus.skipped["source_file"], corpus.skipped["reason"]))
    assert "without a text layer" in skipped["scan.pdf"]
    assert "scan" not in set(corpus.articles["article_id"])


def test_hidden_or_empty_documents_are_skipped_like_any_file(tmp_path: Path) -> None:
    _docx(tmp_path / ".~lock.statement.docx", ["Council funds youth workers", "Leeds will spend £300,000."])
    (tmp_path / "empty.pdf").write_bytes(b"")
    skipped = dict(zip(*[clean_corpus(tmp_path, workers=1).skipped[c] for c in ("source_file", "reason")]))
    assert skipped == {".~lock.statement.docx": "hidden file", "empty.pdf": "empty file"}
