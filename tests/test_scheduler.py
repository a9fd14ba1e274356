"""Scheduler safety: a run killed part-way, two overlapping runs, and a raw folder of bad files."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from conftest import Run, copy_run, run_pipeline, snapshot_files
from src.common.paths import DEFAULT_RAW_DIR, REPO_ROOT


def _start(raw: Path, processed: Path, reports: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "src.pipeline", "--raw-dir", str(raw), "--processed-dir",
                             str(processed), "--reports-dir", str(reports), *extra], cwd=REPO_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_for(proc: subprocess.Popen, marker: str, timeout: float = 120) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        seen += line
        if marker in line:
            return seen
        if not line and proc.poll() is not None:
            break
    raise AssertionError(f"never saw {marker!r}; output so far:\n{seen}")


def test_run_killed_part_way_leaves_previous_outputs(pipeline_run: Run, tmp_path: Path) -> None:
    previous = copy_run(pipeline_run, tmp_path)
    processed, reports = previous.processed, previous.reports
    tables, report = snapshot_files(processed), (reports / "report.html").read_bytes()
    proc = _start(pipeline_run.raw, processed, reports, "--force")
    _wait_for(proc, "[3/5] 03-chart-figures.ipynb running")
    os.killpg(proc.pid, signal.SIGKILL)  # the runner and its kernel, as a power cut would
    proc.wait(timeout=30)
    assert snapshot_files(processed) == tables
    assert (reports / "report.html").read_bytes() == report
    again = run_pipeline(pipeline_run.raw, processed, reports, force=True)
    assert again.status == 0, again.output
    assert not list(tmp_path.glob(".processed.staging-*")) and not list(reports.glob(".staging-*"))


def test_overlapping_runs_never_both_write(pipeline_run: Run, tmp_path: Path) -> None:
    processed, reports = tmp_path / "processed", tmp_path / "reports"
    first = _start(pipeline_run.raw, processed, reports)
    _wait_for(first, "[1/5] 01-clean-articles.ipynb running")
    second = subprocess.run([sys.executable, "-m", "src.pipeline", "--raw-dir", str(pipeline_run.raw),
                             "--processed-dir", str(processed), "--reports-dir", str(reports)],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert second.returncode == 3 and "another pipeline run" in second.stderr
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, out + err
    assert (reports / "report.html").is_file()


def test_raw_folder_with_every_kind_of_bad_file(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "sub folder").mkdir(parents=True)
    shutil.copy(DEFAULT_RAW_DIR / "000_95ba648fc2615cfc.txt", raw / "good one.txt")
    shutil.copy(DEFAULT_RAW_DIR / "000_95ba648fc2615cfc.txt", raw / "same again.txt")
    text = (DEFAULT_RAW_DIR / "003_883677e372054453.txt").read_text(encoding="utf-8")
    (raw / "sub folder" / "crlf ü.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    (raw / "windows.txt").write_bytes("The PCC pledged £2m for youth clubs in Leeds over two years, a spokesman "
                                      "said on Monday in a statement to the press.".encode("cp1252"))
    (raw / "utf16.txt").write_bytes("Knife crime in Kent has almost doubled since 2014, police figures show "
                                    "for the county this year.".encode("utf-16"))
    (raw / "empty.txt").write_bytes(b"")
    (raw / "spaces.txt").write_bytes(b"  \n \n")
    (raw / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (raw / "notes.docx").write_bytes(b"PK\x03\x04" + bytes(100))
    (raw / "data.bin").write_bytes(bytes(range(256)) * 4)
    with open(raw / "huge.txt", "wb") as fh:  # sparse: 12 MB on paper, no memory needed to make it
        fh.truncate(12 * 1024 * 1024)
    result = run_pipeline(raw, tmp_path / "processed", tmp_path / "reports")
    assert result.status == 0, result.output
    articles = pd.read_csv(tmp_path / "processed" / "articles.csv", dtype=str, keep_default_na=False)
    skipped = pd.read_csv(tmp_path / "processed" / "skipped.csv", dtype=str, keep_default_na=False)
    assert set(articles["source_file"]) == {"good one.txt", "sub folder/crlf ü.txt", "windows.txt", "utf16.txt"}
    assert set(skipped["source_file"]) == {"same again.txt", "empty.txt", "spaces.txt", "image.png", "notes.docx",
                                           "data.bin", "huge.txt"}
    assert all(skipped["reason"].str.len() > 5)
    assert "£2m" in articles.set_index("source_file").loc["windows.txt", "body"]
    html = (tmp_path / "reports" / "report.html").read_text(encoding="utf-8")
    assert "huge.txt" in html and "too large" in html
