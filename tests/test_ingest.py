"""Every raw file becomes an article or a skipped row with a reason; encodings decoded correctly."""
from __future__ import annotations

from pathlib import Path

from src.clean.ingest import read_raw_dir

TEXT = "Knife crime in the West Midlands has almost doubled since 2014, the commissioner said. £2m was pledged."


def read(tmp_path: Path, **files: bytes) -> tuple[dict[str, str], dict[str, str]]:
    for name, data in files.items():
        path = tmp_path / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    articles, skipped = read_raw_dir(tmp_path)
    return {a.source_file: a.text for a in articles}, {s.source_file: s.reason for s in skipped}


def test_encodings_decode_without_replacement(tmp_path: Path) -> None:
    cp1252 = "The council pledged £2m for youth clubs – “a real boost” for Birmingham’s young people.".encode("cp1252")
    ok, skipped = read(tmp_path, **{
        "cp1252.txt": cp1252, "latin1.txt": "Le café a reçu £500,000 pour la prévention à Londres.".encode("latin-1"),
        "bom.txt": b"\xef\xbb\xbf" + TEXT.encode(), "utf16.txt": ("UTF-16: " + TEXT).encode("utf-16"),
        "crlf.txt": ("CRLF: " + TEXT).replace(". ", ".\r\n").encode()})
    assert not skipped
    assert "£2m" in ok["cp1252.txt"] and "\"a real boost\"" in ok["cp1252.txt"]
    assert "£500,000" in ok["latin1.txt"] and "café" in ok["latin1.txt"]
    assert ok["bom.txt"] == TEXT and ok["utf16.txt"] == "UTF-16: " + TEXT
    assert "\r" not in ok["crlf.txt"] and ok["crlf.txt"].count("\n") == 1
    assert all("\ufffd" not in t for t in ok.values())


def test_bad_files_skipped_with_reasons(tmp_path: Path) -> None:
    ok, skipped = read(tmp_path, **{
        "empty.txt": b"", "blank.txt": b"   \n\t\n", "binary.bin": bytes(range(256)) * 8,
        "report.pdf": b"%PDF-1.4 ...", "doc.docx": b"PK\x03\x04 ...", "a.txt": TEXT.encode(),
        "copy of a.txt": TEXT.encode(), ".DS_Store": b"x", "sub__nested é.txt": (TEXT + " More.").encode()})
    assert set(ok) == {"a.txt", "sub/nested é.txt"}
    assert skipped["empty.txt"] == "empty file"
    assert "whitespace" in skipped["blank.txt"]
    assert "binary" in skipped["binary.bin"]
    assert "PDF" in skipped["report.pdf"] and "Word" in skipped["doc.docx"]
    assert skipped["copy of a.txt"].startswith("duplicate of a.txt")
    assert skipped[".DS_Store"] == "hidden file"


def test_large_file_skipped_without_reading(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"a" * (2 * 1024 * 1024))
    articles, skipped = read_raw_dir(tmp_path, max_file_mb=1)
    assert not articles and "too large" in skipped[0].reason


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    page = ("<!doctype html><html><head><title>VRU funding confirmed | Gazette</title>"
            '<meta property="og:title" content="VRU funding confirmed">'
            '<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2019-08-05">'
            "</head><body><nav>Home News Crime</nav><article><h1>VRU funding confirmed</h1>"
            f"<p>{TEXT}</p><p>The unit will work with schools and hospitals across the region.</p></article>"
            "<footer>© 2024 Gazette</footer></body></html>")
    articles, skipped = read_raw_dir(_write(tmp_path, "page.html", page.encode()))
    assert not skipped
    (art,) = articles
    assert TEXT in art.text and "Home News Crime" not in art.text
    assert art.html_meta["title"].startswith("VRU funding confirmed")
    assert art.html_meta["date"] == "2019-08-05"


def _write(folder: Path, name: str, data: bytes) -> Path:
    (folder / name).write_bytes(data)
    return folder
