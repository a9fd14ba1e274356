"""The runner: parameters, end-to-end outputs, failures that keep earlier outputs, locking, incremental runs."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import Run, copy_run, run_pipeline, snapshot_files
from src.common.paths import DEFAULT_RAW_DIR, NOTEBOOK_DIR, REPO_ROOT
from src.runner.pipeline import (EXIT_FAILED, EXIT_LOCKED, EXIT_NO_ARTICLES, PipelineError, coerce, discover_notebooks,
                          plan_parameters, read_parameters)
from src.runner.runlock import LockBusy, RunLock

REQUIRED = {
    "articles.csv": ["article_id", "source_file", "title", "byline", "published", "body"],
    "funding.csv": ["claim_id", "article_id", "amount_gbp", "amount_text", "funder", "programme", "place", "period",
                    "sentence"],
    "outcomes.csv": ["claim_id", "article_id", "metric", "place", "direction", "magnitude", "period", "sentence"],
    "quotes.csv": ["article_id", "speaker", "role", "quote"],
    "claims.csv": ["claim_id", "article_id", "claim_type", "subject", "sentence"],
    "sentences.csv": ["article_id", "sentence_no", "text"],
    "skipped.csv": ["source_file", "reason"],
    "programmes.csv": ["programme", "aliases", "article_ids", "places"],
    "checks.csv": ["claim_id", "series", "base_period", "base_value", "end_period", "end_value", "official_change",
                   "claimed_change", "verdict", "confidence", "sources"],
}
DIRS = {"raw_dir": Path("/r"), "processed_dir": Path("/p"), "reports_dir": Path("/q")}


def test_every_notebook_declares_literal_parameters() -> None:
    specs = discover_notebooks()
    assert [s.name for s in specs] == ["01-clean-articles.ipynb", "02-tabulate-claims.ipynb",
                                       "03-chart-figures.ipynb", "04-check-claims.ipynb", "05-build-report.ipynb"]
    assert specs[0].parameters["raw_dir"] == "data/raw"


def test_unknown_parameter_is_refused_before_anything_runs() -> None:
    with pytest.raises(PipelineError, match="unknown parameter 'no_such'"):
        plan_parameters(discover_notebooks(), DIRS, [("no_such", "1")])


def test_wrong_type_is_refused() -> None:
    with pytest.raises(PipelineError, match="top_n_programmes expects a whole number"):
        plan_parameters(discover_notebooks(), DIRS, [("top_n_programmes", "many")])
    with pytest.raises(PipelineError, match="with --raw-dir"):
        plan_parameters(discover_notebooks(), DIRS, [("raw_dir", "x")])


def test_parameters_reach_only_the_notebooks_that_declare_them() -> None:
    plans = plan_parameters(discover_notebooks(), DIRS, [("top_n_programmes", "7"), ("max_file_mb", "2.5")])
    assert plans[0] == {"raw_dir": "/r", "processed_dir": "/p", "max_file_mb": 2.5}
    assert plans[2]["top_n_programmes"] == 7 and "max_file_mb" not in plans[2]


def test_coerce() -> None:
    assert coerce("x", "yes", False) is True and coerce("x", "3", 1.0) == 3.0 and coerce("x", '["a"]', []) == ["a"]
    with pytest.raises(PipelineError):
        coerce("x", "maybe", True)


def test_parameters_cell_must_hold_only_assignments(tmp_path: Path) -> None:
    nb = json.loads((NOTEBOOK_DIR / "02-tabulate-claims.ipynb").read_text())
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell["source"] = "x = 1\nprint(x)\n"
    (tmp_path / "01-bad.ipynb").write_text(json.dumps(nb))
    with pytest.raises(PipelineError, match="only 'name = value'"):
        read_parameters(tmp_path / "01-bad.ipynb")


def test_cli_refuses_unknown_parameter_with_exit_2(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "src.pipeline", "--reports-dir", str(tmp_path / "r"),
                           "--processed-dir", str(tmp_path / "p"), "-p", "nope", "1"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "unknown parameter 'nope'" in proc.stderr
    assert not (tmp_path / "p").exists()


def test_end_to_end_tables(pipeline_run: Run) -> None:
    assert pipeline_run.status == 0, pipeline_run.output
    for name, columns in REQUIRED.items():
        df = pd.read_csv(pipeline_run.processed / name, dtype=str, keep_default_na=False)
        assert set(columns) <= set(df.columns), name
    articles = pd.read_csv(pipeline_run.processed / "articles.csv", dtype=str, keep_default_na=False)
    assert sorted(articles["article_id"]) == sorted(p.stem for p in DEFAULT_RAW_DIR.glob("*.txt"))
    funding = pd.read_csv(pipeline_run.processed / "funding.csv")
    assert len(funding) == 11 and funding["amount_gbp"].max() == 63.4e6
    assert len(pd.read_csv(pipeline_run.processed / "quotes.csv")) == 10


def test_end_to_end_report_and_notebooks(pipeline_run: Run) -> None:
    report = pipeline_run.reports / "report.html"
    assert report.is_file() and report.stat().st_size < 2_000_000
    html = report.read_text(encoding="utf-8")
    for needle in ("Funding claims", "Crime figures", "Who said what", "<svg", "Method and accuracy",
                   "Claims against official figures"):
        assert needle in html
    assert sorted(p.name for p in (pipeline_run.reports / "notebooks").glob("*.ipynb")) == [
        p.name for p in sorted(NOTEBOOK_DIR.glob("*.ipynb"))]
    assert {p.name for p in (pipeline_run.reports / "figures").glob("*.svg")} == {
        "funding_by_programme.svg", "funding_over_time.svg", "outcome_figures.svg", "outcome_levels.svg",
        "claims_per_article.svg"}
    assert len(list((pipeline_run.reports / "archive").glob("report-*.html"))) == 1
    assert len(list((pipeline_run.reports / "logs").glob("run-*.log"))) == 1
    for step in ("[1/5] 01-clean-articles.ipynb done in", "[5/5] 05-build-report.ipynb done in"):
        assert step in pipeline_run.output


def test_failing_cell_is_named_and_earlier_outputs_untouched(pipeline_run: Run, tmp_path: Path) -> None:
    previous = copy_run(pipeline_run, tmp_path)
    before_tables, before_report = snapshot_files(previous.processed), (previous.reports / "report.html").read_bytes()
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOK_DIR, notebooks)
    nb = json.loads((notebooks / "02-tabulate-claims.ipynb").read_text())
    nb["cells"].insert(5, {"cell_type": "code", "id": "failing-cell", "metadata": {}, "outputs": [],
                           "execution_count": None,
                           "source": "raise ValueError('deliberate failure for the test')"})
    (notebooks / "02-tabulate-claims.ipynb").write_text(json.dumps(nb))
    result = run_pipeline(previous.raw, previous.processed, previous.reports, force=True, notebook_dir=notebooks)
    assert result.status == EXIT_FAILED
    assert "02-tabulate-claims.ipynb FAILED" in result.output and "cell 6" in result.output
    assert "ValueError: deliberate failure for the test" in result.output
    assert snapshot_files(previous.processed) == before_tables
    assert (previous.reports / "report.html").read_bytes() == before_report
    kept = list((previous.reports / "failed").glob("*/02-tabulate-claims.ipynb"))
    assert len(kept) == 1 and "deliberate failure" in kept[0].read_text()


def test_no_articles_is_a_clear_error(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_text("")
    result = run_pipeline(raw, tmp_path / "processed", tmp_path / "reports")
    assert result.status == EXIT_NO_ARTICLES and "no article could be read" in result.output
    assert not (tmp_path / "processed").exists()


def test_second_run_is_refused_while_the_lock_is_held(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    with RunLock(reports / ".pipeline.lock"):
        with pytest.raises(LockBusy, match="another pipeline run"):
            with RunLock(reports / ".pipeline.lock"):
                pass
        proc = subprocess.run([sys.executable, "-m", "src.pipeline", "--reports-dir", str(reports),
                               "--processed-dir", str(tmp_path / "p")], capture_output=True, text=True, timeout=60)
        assert proc.returncode == EXIT_LOCKED and "another pipeline run" in proc.stderr
    with RunLock(reports / ".pipeline.lock"):  # released: free again
        pass


def test_lock_of_a_killed_run_does_not_block(tmp_path: Path) -> None:
    lock = tmp_path / ".pipeline.lock"
    code = f"from src.runner.runlock import RunLock; from pathlib import Path; import os\nwith RunLock(Path({str(lock)!r})): os.kill(os.getpid(), 9)"
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, timeout=60)
    assert proc.returncode == -9 and lock.exists()
    with RunLock(lock):
        pass


def test_unchanged_run_reuses_outputs_and_src_change_reruns(pipeline_run: Run, tmp_path: Path) -> None:
    previous = copy_run(pipeline_run, tmp_path)
    again = run_pipeline(previous.raw, previous.processed, previous.reports)
    assert again.status == 0
    assert again.output.count("unchanged: outputs reused") == 5 and "nothing changed" in again.output
    (previous.raw / "000_95ba648fc2615cfc.txt").unlink()
    changed = run_pipeline(previous.raw, previous.processed, previous.reports)
    assert changed.status == 0 and "[1/5] 01-clean-articles.ipynb done" in changed.output
    assert len(pd.read_csv(previous.processed / "articles.csv")) == 4


def test_reference_data_change_reruns_the_checks(tmp_path: Path) -> None:
    from src.runner.incremental import step_key

    external = tmp_path / "external"
    external.mkdir()
    (external / "a.csv").write_text("series,value\nx,1\n")
    notebook = NOTEBOOK_DIR / "04-check-claims.ipynb"
    params = {"processed_dir": "/p", "reports_dir": "/q", "external_dir": str(external)}
    before = step_key(notebook, params, "raw", "up", Path("/p"), Path("/q"))
    (external / "a.csv").write_text("series,value\nx,2\n")
    assert step_key(notebook, params, "raw", "up", Path("/p"), Path("/q")) != before


def test_dependencies_follow_the_helpers_facade() -> None:
    from src.runner.incremental import notebook_code, src_dependencies

    def deps(notebook: str) -> set[str]:
        return {p.relative_to(REPO_ROOT / "src").as_posix()
                for p in src_dependencies(notebook_code(NOTEBOOK_DIR / notebook))}

    d1 = deps("01-clean-articles.ipynb")
    assert {"clean/lines.py", "clean/ingest.py", "clean/articles.py"} <= d1 and "charts/draw.py" not in d1
    d2 = deps("02-tabulate-claims.ipynb")
    assert {"claims/funding.py", "claims/quotes.py", "evaluate/scores.py"} <= d2
    assert not {"charts/draw.py", "report/html.py"} & d2
    d3 = deps("03-chart-figures.ipynb")
    assert "charts/draw.py" in d3 and "report/html.py" not in d3


def test_steps_know_which_vocabularies_they_use() -> None:
    from src.runner.incremental import notebook_code, src_dependencies, vocabularies_used

    used = {n: vocabularies_used(src_dependencies(notebook_code(NOTEBOOK_DIR / n)))
            for n in ("01-clean-articles.ipynb", "02-tabulate-claims.ipynb")}
    assert "furniture" in used["01-clean-articles.ipynb"]
    assert {"places", "funders", "programmes", "metrics"} <= used["02-tabulate-claims.ipynb"]


def test_a_changed_vocabulary_changes_the_key_of_the_steps_that_use_it(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from src.common import vocab
    from src.runner import incremental

    copy = tmp_path / "vocabularies"
    shutil.copytree(vocab.VOCABULARY_DIR, copy)
    monkeypatch.setattr(incremental, "VOCABULARY_DIR", copy)
    clean_nb, claims_nb = NOTEBOOK_DIR / "01-clean-articles.ipynb", NOTEBOOK_DIR / "02-tabulate-claims.ipynb"
    keys = [incremental.step_key(nb, {}, "raw", "up", Path("/p"), Path("/q")) for nb in (clean_nb, claims_nb)]
    with (copy / "programmes.csv").open("a", encoding="utf-8") as f:
        f.write("Test Programme Fund,,,,,,\n")
    after = [incremental.step_key(nb, {}, "raw", "up", Path("/p"), Path("/q")) for nb in (clean_nb, claims_nb)]
    assert after[0] == keys[0]  # cleaning does not read the programmes
    assert after[1] != keys[1]


def test_a_retrained_line_model_changes_the_cleaning_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from src.runner import incremental

    clean_nb = NOTEBOOK_DIR / "01-clean-articles.ipynb"
    deps = incremental.src_dependencies(incremental.notebook_code(clean_nb))
    assert any(d.name == "model.py" for d in deps)
    model = next(d for d in deps if d.name == "model.py").with_name("line_model.json")
    before = incremental.step_key(clean_nb, {}, "raw", "up", Path("/p"), Path("/q"))
    original = model.read_bytes()
    try:
        model.write_bytes(original + b"\n")
        after = incremental.step_key(clean_nb, {}, "raw", "up", Path("/p"), Path("/q"))
    finally:
        model.write_bytes(original)
    assert after != before


def test_swap_recovers_after_a_kill_between_renames(tmp_path: Path) -> None:
    from src.runner.pipeline import recover_dir

    target = tmp_path / "processed"
    old = tmp_path / ".processed.old"
    old.mkdir()
    (old / "articles.csv").write_text("kept")
    recover_dir(target)
    assert (target / "articles.csv").read_text() == "kept" and not old.exists()


def test_runs_from_another_working_directory(tmp_path: Path) -> None:
    env = dict(os.environ)
    proc = subprocess.run([sys.executable, "-c", "from src.common.paths import resolve; print(resolve('data/raw'))"],
                          cwd=REPO_ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert Path(proc.stdout.strip()) == REPO_ROOT / "data" / "raw"


def test_kernel_pool_starts_one_ahead_and_cleans_up() -> None:
    from src.runner.pipeline import KernelPool

    pool = KernelPool(2)
    first = pool.take()
    pool.prestart()
    assert first.is_alive() and len(pool.ready) == 1 and pool.started == 2
    pool.prestart()  # never more than the notebooks that will run
    assert pool.started == 2
    second = pool.ready[0]
    pool.stop(first)
    pool.close()
    assert not first.is_alive() and not second.is_alive()


def test_editing_a_src_module_changes_only_the_steps_that_use_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from src.runner import incremental

    specs = discover_notebooks()
    params = {"processed_dir": "/p", "reports_dir": "/q"}

    def keys() -> dict[str, str]:
        return {s.name: incremental.step_key(s.path, params, "raw", "", Path("/p"), Path("/q")) for s in specs}

    before = keys()
    real = incremental.file_digest
    monkeypatch.setattr(incremental, "file_digest",
                        lambda p: "edited" if Path(p).name == "sparklines.py" else real(p))
    after = keys()
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"04-check-claims.ipynb", "05-build-report.ipynb"}


def test_prestarted_kernel_boots_niced_and_runs_at_normal_priority() -> None:
    import os

    from src.runner.pipeline import BACKGROUND_NICE, KernelPool

    pool = KernelPool(2)
    current = pool.take()
    pool.prestart()
    waiting = pool.ready[0]
    try:
        assert os.getpriority(os.PRIO_PROCESS, waiting.provisioner.pid) == BACKGROUND_NICE
        if os.geteuid() == 0:  # only a privileged runner can raise a niced process back
            assert os.getpriority(os.PRIO_PROCESS, current.provisioner.pid) == 0
    finally:
        pool.stop(current)
        pool.close()


def test_kernels_preload_common_libraries_before_their_notebook(tmp_path: Path) -> None:
    import nbformat
    import papermill as pm

    from src.runner.kernel import KERNEL_NAME
    from src.runner.pipeline import KernelPool

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import sys\nloaded = sorted(m for m in ('pandas', 'pandera', 'matplotlib', 'itables') if m in sys.modules)")])
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "language": "python", "display_name": "Python"}
    nb.cells.append(nbformat.v4.new_code_cell("print(loaded)"))
    nbformat.write(nb, tmp_path / "probe.ipynb")
    pool = KernelPool(1)
    km = pool.take()
    try:
        pm.execute_notebook(str(tmp_path / "probe.ipynb"), str(tmp_path / "out.ipynb"), kernel_name=KERNEL_NAME,
                            progress_bar=False, km=km)
    finally:
        pool.stop(km)
        pool.close()
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert out.cells[1].outputs[0]["text"].strip() == "['itables', 'matplotlib', 'pandas', 'pandera']"
