"""What has been collected: one HTML file per article under ``collected/<source>/`` and an index.

``index.csv`` has a row per address ever tried (saved, refused by robots.txt, or failed) so that
nothing is fetched or written twice; ``sources.csv`` holds the last run's result per source, which
the report's data-quality section shows.
"""
from __future__ import annotations

import csv
import hashlib
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urldefrag

INDEX_COLUMNS = ["url", "normalised_url", "source", "fetched_at", "status", "title", "published", "author",
                 "content_hash", "file", "note"]
SOURCE_COLUMNS = ["source", "url", "checked_at", "result", "reason", "items", "new"]
SAVED = "saved"


def normalise_url(url: str) -> str:
    """The address without what does not change the page: tracking parameters, fragment, default port, case."""
    from courlan import normalize_url

    try:
        return urldefrag(normalize_url(url.strip()))[0]
    except ValueError:
        return urldefrag(url.strip())[0]


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Index:
    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / "index.csv"
        self.rows: list[dict[str, str]] = []
        if self.path.is_file():
            with self.path.open(encoding="utf-8", newline="") as fh:
                self.rows = [{c: r.get(c, "") or "" for c in INDEX_COLUMNS} for r in csv.DictReader(fh)]
        self.by_url = {r["normalised_url"]: r for r in self.rows}
        self.hashes = {r["content_hash"]: r for r in self.rows if r["status"] == SAVED and r["content_hash"]}

    def seen(self, url: str, retry_after_h: float) -> bool:
        """Already saved or refused; a failure is tried again once ``retry_after_h`` hours have passed."""
        row = self.by_url.get(normalise_url(url))
        if row is None or row["status"] == "offline":
            return False
        if row["status"] == SAVED or row["status"].startswith(("4", "robots", "duplicate")):
            return True
        try:
            age = datetime.now(timezone.utc) - datetime.fromisoformat(row["fetched_at"])
        except ValueError:
            return False
        return age.total_seconds() < retry_after_h * 3600

    def add(self, row: dict[str, str]) -> None:
        row = {c: str(row.get(c, "") or "") for c in INDEX_COLUMNS}
        old = self.by_url.get(row["normalised_url"])
        if old is not None:
            self.rows.remove(old)  # a retried failure: its new outcome replaces the old one
        self.rows.append(row)
        self.by_url[row["normalised_url"]] = row
        if row["status"] == SAVED:
            self.hashes[row["content_hash"]] = row

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".csv.tmp")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, INDEX_COLUMNS)
            writer.writeheader()
            writer.writerows(self.rows)
        tmp.replace(self.path)


def save_source_results(folder: Path, results: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sources.csv"
    tmp = path.with_suffix(".csv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, SOURCE_COLUMNS)
        writer.writeheader()
        writer.writerows({c: str(r.get(c, "")) for c in SOURCE_COLUMNS} for r in results)
    tmp.replace(path)
    return path
