"""The pipeline runner: every numbered notebook in order, in one Python process, then the HTML report.

    python -m src.runner.pipeline [--raw-dir DIR] [--processed-dir DIR] [--reports-dir DIR]
                           [-p NAME VALUE]... [--force]

Guarantees (see README, "The runner"):
- parameters are checked against the notebooks' ``parameters`` cells before anything runs;
- one run at a time per reports directory (a lock the operating system frees if a run dies);
- every output is written aside and swapped in only when the whole run succeeded, so a failed or
  killed run leaves the previous tables and report intact;
- a failing cell is named (notebook, cell number, error), its executed notebook is kept under
  ``reports/failed/``, and the exit status is non-zero.
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, TextIO

from src.common.paths import (DEFAULT_PROCESSED_DIR, DEFAULT_RAW_DIR, DEFAULT_REPORTS_DIR, NOTEBOOK_DIR, REPO_ROOT)
from src.runner.runlock import LockBusy, RunLock
from src.runner import incremental
from src.runner.kernel import KERNEL_NAME

DIR_PARAMETERS = ("raw_dir", "processed_dir", "reports_dir")
REPORT_NAME = "report.html"
KEEP_FAILED_RUNS = 10

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_NO_ARTICLES = 0, 1, 2, 3, 4


class PipelineError(Exception):
    """A problem found before or while running, with the exit status it should produce."""

    def __init__(self, message: str, status: int = EXIT_USAGE):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class NotebookSpec:
    path: Path
    parameters: dict[str, Any]
    parameters_cell: int  # index of the parameters cell in the source notebook

    @property
    def name(self) -> str:
        return self.path.name


# ---------------------------------------------------------------- parameters

def read_parameters(path: Path) -> NotebookSpec:
    """The names and default values of a notebook's ``parameters`` cell (which must hold only
    assignments of literal values)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(nb.get("cells", [])):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            params: dict[str, Any] = {}
            for node in ast.parse(source).body:
                target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else \
                    node.target if isinstance(node, ast.AnnAssign) else None
                if not isinstance(target, ast.Name) or node.value is None:
                    raise PipelineError(f"{path.name}: the parameters cell may hold only 'name = value' lines")
                try:
                    params[target.id] = ast.literal_eval(node.value)
                except ValueError as exc:
                    raise PipelineError(f"{path.name}: parameter {target.id} must be a literal value") from exc
            return NotebookSpec(path, params, index)
    raise PipelineError(f"{path.name} has no cell tagged 'parameters'")


def discover_notebooks(notebook_dir: Path = NOTEBOOK_DIR) -> list[NotebookSpec]:
    paths = sorted(p for p in notebook_dir.glob("[0-9][0-9]-*.ipynb"))
    if not paths:
        raise PipelineError(f"no numbered notebooks in {notebook_dir}")
    return [read_parameters(p) for p in paths]


def coerce(name: str, text: str, default: Any) -> Any:
    """``text`` from the command line as a value of the same type as the notebook's default."""
    def fail(kind: str) -> PipelineError:
        return PipelineError(f"parameter {name} expects {kind} (its default is {default!r}); got {text!r}")

    if isinstance(default, bool):
        lowered = text.strip().lower()
        if lowered in ("true", "1", "yes", "on"):
            return True
        if lowered in ("false", "0", "no", "off"):
            return False
        raise fail("true or false")
    if isinstance(default, int):
        try:
            return int(text)
        except ValueError:
            raise fail("a whole number") from None
    if isinstance(default, float):
        try:
            return float(text)
        except ValueError:
            raise fail("a number") from None
    if isinstance(default, (list, dict)):
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            raise fail(f"a JSON {type(default).__name__}") from None
        if not isinstance(value, type(default)):
            raise fail(f"a JSON {type(default).__name__}")
        return value
    if default is None or isinstance(default, str):
        return text
    raise fail(type(default).__name__)


def plan_parameters(specs: list[NotebookSpec], dirs: dict[str, Path],
                    overrides: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """The parameters each notebook receives; unknown names and wrong types are errors."""
    declared: dict[str, Any] = {}
    for spec in specs:
        for name, default in spec.parameters.items():
            declared.setdefault(name, default)
    values: dict[str, Any] = {}
    for name, text in overrides:
        if name in DIR_PARAMETERS:
            flag = "--" + name.replace("_", "-")
            raise PipelineError(f"set {name} with {flag}, not -p")
        if name not in declared:
            known = ", ".join(sorted(n for n in declared if n not in DIR_PARAMETERS)) or "none"
            raise PipelineError(f"unknown parameter {name!r}; the notebooks declare: {known}")
        values[name] = coerce(name, text, declared[name])
    values.update({k: str(v) for k, v in dirs.items()})
    return [{k: v for k, v in values.items() if k in spec.parameters} for spec in specs]


# ---------------------------------------------------------------- output handling

def _swap_dir(staged: Path, target: Path) -> None:
    """Replace ``target`` by ``staged`` with two renames; ``recover_dir`` mends a kill in between."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(staged, target)
    if old.exists():
        shutil.rmtree(old)


def recover_dir(target: Path) -> None:
    """After a run killed between the two renames of ``_swap_dir``: put the previous outputs back."""
    old = target.with_name(f".{target.name}.old")
    if old.exists() and not target.exists():
        os.replace(old, target)
    elif old.exists():
        shutil.rmtree(old)


def _remove_stale_staging(parent: Path, prefix: str) -> None:
    if parent.is_dir():
        for leftover in parent.glob(prefix + "*"):
            shutil.rmtree(leftover, ignore_errors=True)


def _prune(folder: Path, keep: int) -> None:
    if folder.is_dir():
        runs = sorted(p for p in folder.iterdir() if p.is_dir())
        for old in runs[:-keep]:
            shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------- execution

class Log:
    """Progress lines to the terminal and to the run's log file."""

    def __init__(self, stream: TextIO, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.stream, self.file = stream, open(path, "a", encoding="utf-8")
        self.path = path

    def __call__(self, message: str) -> None:
        stamp = datetime.now().strftime("%H:%M:%S")
        self.stream.write(message + "\n")
        self.stream.flush()
        self.file.write(f"{stamp} {message}\n")
        self.file.flush()

    def close(self) -> None:
        self.file.close()


def _check_kernel() -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        raise PipelineError(f"the Jupyter kernel {KERNEL_NAME!r} is not installed for {sys.executable}; "
                            "run `make setup` (or: python -m src.runner.kernel)") from None


def _failed_cell(spec: NotebookSpec, exc: Any) -> str:
    """'cell 7 (code: "funding = ...")' for a PapermillExecutionError, numbered as in the source notebook."""
    source = (getattr(exc, "source", "") or "").strip()
    nb = json.loads(spec.path.read_text(encoding="utf-8"))
    number = None
    for index, cell in enumerate(nb["cells"]):
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if text.strip() == source:
            number = index + 1
            break
    first = source.splitlines()[0][:70] if source else ""
    where = f"cell {number}" if number else f"cell index {getattr(exc, 'cell_index', '?')} of the executed notebook"
    return f'{where} (execution count {getattr(exc, "exec_count", "?")}, starting "{first}")'


BACKGROUND_NICE = 10
# Libraries most notebooks import, loaded by each kernel while it waits for its notebook (on the idle
# core, at low priority): imports only, nothing of the notebook's own code runs before it.
PRELOAD = "import pandas, pandera.pandas, matplotlib, itables"
PRELOAD_TIMEOUT = 30


class KernelPool:
    """Kernels for the notebooks that will run, each started one notebook ahead.

    A kernel takes about 0.7 s to boot and as long again to import pandas and friends; started while
    the previous notebook runs (at low priority, so a notebook using both cores keeps them), it boots
    and preloads ``PRELOAD`` on the other core, and the notebooks themselves rarely wait. Every
    notebook still gets a fresh kernel, in the repository root, runs at normal priority where the
    system allows it, and every kernel is shut down however the run ends.
    """

    def __init__(self, needed: int):
        self.needed = needed
        self.started = 0
        self.ready: list[Any] = []
        self.clients: dict[int, tuple[Any, str]] = {}  # kernel -> (client, id of its preload request)

    def prestart(self) -> None:
        if self.started < self.needed and not self.ready:
            from jupyter_client.manager import KernelManager

            km = KernelManager(kernel_name=KERNEL_NAME)
            km.start_kernel(cwd=str(REPO_ROOT))
            # boot in the background: a busy notebook (both cores on a large corpus) keeps priority
            self._set_priority(km, BACKGROUND_NICE)
            client = km.client()
            client.start_channels()
            self.clients[id(km)] = (client, client.execute(PRELOAD, silent=True, store_history=False))
            self.ready.append(km)
            self.started += 1

    def take(self) -> Any:
        self.prestart()
        km = self.ready.pop(0)
        self._set_priority(km, 0)
        pending = self.clients.pop(id(km), None)
        if pending is not None:
            client, msg_id = pending
            try:  # the preload has usually finished by now; its reply also proves it was delivered
                while client.get_shell_msg(timeout=PRELOAD_TIMEOUT)["parent_header"].get("msg_id") != msg_id:
                    pass
            except Exception:  # noqa: BLE001 - no reply in time: the notebook imports what it needs itself
                pass
            client.stop_channels()
        return km

    @staticmethod
    def _set_priority(km: Any, nice: int) -> None:
        pid = getattr(getattr(km, "provisioner", None), "pid", None) or getattr(
            getattr(getattr(km, "provisioner", None), "process", None), "pid", None)
        if pid:
            try:
                os.setpriority(os.PRIO_PROCESS, pid, nice)
            except (OSError, AttributeError):  # lowering niceness again needs privileges: stay niced
                pass

    @staticmethod
    def stop(km: Any) -> None:
        try:
            km.shutdown_kernel(now=True)
        except Exception:  # noqa: BLE001 - a kernel that is already gone is fine
            pass

    def close(self) -> None:
        for client, _ in self.clients.values():
            client.stop_channels()
        self.clients.clear()
        while self.ready:
            self.stop(self.ready.pop())


_OUTPUT_DIV = re.compile(r'<div class="([^"]*\bjp-OutputArea-output\b[^"]*)"')


def _exporter_class() -> type:
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class OfflineReportExporter(HTMLExporter):
        """nbconvert's HTML exporter without its BeautifulSoup pass over the finished page.

        That pass only adds alt text to images that lack it (every chart of the report has its own)
        and tabindex to output areas (done here with one substitution); on a report of 10,000
        articles it took six of the run's seconds.
        """

        def from_notebook_node(self, nb, resources=None, **kw):  # type: ignore[no-untyped-def, override]
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return _OUTPUT_DIV.sub(r'<div tabindex="0" class="\1"', html), resources

    return OfflineReportExporter


def export_report(executed: Path, destination: Path) -> None:
    """HTML of an executed notebook with code and prompts hidden, from the offline template."""
    import nbformat
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = _exporter_class()(extra_template_basedirs=[str(REPO_ROOT / "src" / "report" / "templates")],
                                 template_name="offline_report", exclude_input=True, exclude_input_prompt=True,
                                 exclude_output_prompt=True)  # charts are inlined as data: URIs already
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"analyst-note", "injected-parameters",
                                                                           "parameters"}, enabled=True), enabled=True)
    nb = nbformat.read(str(executed), as_version=4)
    for cell in nb.cells:  # warnings and prints are for analysts, not readers
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", []) if o.get("output_type") != "stream"]
    nb.metadata["title"] = nb.metadata.get("title") or "UK violent-crime policy in the news"
    body, _ = exporter.from_notebook_node(nb)
    destination.write_text(body, encoding="utf-8")


def run(raw_dir: Path, processed_dir: Path, reports_dir: Path, overrides: list[tuple[str, str]],
        force: bool = False, notebook_dir: Path = NOTEBOOK_DIR, stream: TextIO = sys.stdout) -> int:
    """Run the whole pipeline; returns the exit status."""
    started = time.perf_counter()
    specs = discover_notebooks(notebook_dir)
    if not raw_dir.is_dir():
        raise PipelineError(f"raw directory not found: {raw_dir}")
    run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    reports_dir.mkdir(parents=True, exist_ok=True)
    processed_dir.parent.mkdir(parents=True, exist_ok=True)
    stage_processed = processed_dir.with_name(f".{processed_dir.name}.staging-{run_id}")
    stage_reports = reports_dir / f".staging-{run_id}"
    # validate before taking the lock or importing papermill: a typo fails in well under a second
    plans = plan_parameters(specs, {"raw_dir": raw_dir, "processed_dir": stage_processed,
                                    "reports_dir": stage_reports}, overrides)
    with RunLock(reports_dir / ".pipeline.lock"):
        log = Log(stream, reports_dir / "logs" / f"run-{run_id}.log")
        try:
            return _run_locked(specs, plans, raw_dir, processed_dir, reports_dir, stage_processed,
                               stage_reports, run_id, overrides, force, log, started)
        finally:
            shutil.rmtree(stage_processed, ignore_errors=True)
            shutil.rmtree(stage_reports, ignore_errors=True)
            log.close()


def _run_locked(specs: list[NotebookSpec], plans: list[dict[str, Any]], raw_dir: Path, processed_dir: Path,
                reports_dir: Path, stage_processed: Path, stage_reports: Path, run_id: str,
                overrides: list[tuple[str, str]], force: bool, log: Callable[[str], None], started: float) -> int:
    for target in (processed_dir, reports_dir / "notebooks", reports_dir / "figures"):
        recover_dir(target)
    _remove_stale_staging(processed_dir.parent, f".{processed_dir.name}.staging-")
    _remove_stale_staging(reports_dir, ".staging-")
    _check_kernel()
    log(f"run {run_id}: {len(specs)} notebooks, raw {raw_dir}")
    stage_processed.mkdir(parents=True)
    (stage_reports / "notebooks").mkdir(parents=True)
    (stage_reports / "figures").mkdir(parents=True)
    run_info = {"run_id": run_id, "started_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "raw_dir": str(raw_dir), "parameters": dict(overrides), "force": force}
    (stage_processed / "run.json").write_text(json.dumps(run_info, indent=2), encoding="utf-8")

    state = incremental.State.load(processed_dir, reports_dir)
    raw_digest = incremental.raw_digest(raw_dir)
    upstream = ""
    keys = []
    for spec, params in zip(specs, plans):
        upstream = incremental.step_key(spec.path, params, raw_digest, upstream, stage_processed, stage_reports)
        keys.append(upstream)
    to_run = [force or not state.reusable(spec.name, key) for spec, key in zip(specs, keys)]
    pm: Any = None
    kernels = KernelPool(sum(to_run))
    try:
        for step, (spec, params, key, run_it) in enumerate(zip(specs, plans, keys, to_run), start=1):
            executed = stage_reports / "notebooks" / spec.name
            label = f"[{step}/{len(specs)}] {spec.name}"
            if not run_it:
                state.reuse(spec.name, stage_processed, stage_reports)
                log(f"{label} unchanged: outputs reused")
                continue
            if pm is None:
                kernels.prestart()  # the first kernel boots on the other core while papermill loads
                t0 = time.perf_counter()
                import papermill as pm  # ~1.5 s: imported once, and only when a notebook has to run
                log(f"papermill loaded in {time.perf_counter() - t0:.1f}s")
            before = incremental.snapshot(stage_processed, stage_reports)
            t = time.perf_counter()
            log(f"{label} running ...")
            km = kernels.take()
            kernels.prestart()  # the next notebook's kernel boots while this one runs
            try:
                pm.execute_notebook(str(spec.path), str(executed), parameters=params, kernel_name=KERNEL_NAME,
                                    cwd=str(REPO_ROOT), progress_bar=False, log_output=False,
                                    request_save_on_cell_execute=False, km=km)
            except pm.PapermillExecutionError as exc:
                failed_dir = reports_dir / "failed" / run_id
                failed_dir.mkdir(parents=True, exist_ok=True)
                if executed.exists():
                    shutil.copy2(executed, failed_dir / spec.name)
                _prune(reports_dir / "failed", KEEP_FAILED_RUNS)
                log(f"{label} FAILED after {time.perf_counter() - t:.1f}s in {_failed_cell(spec, exc)}: "
                    f"{exc.ename}: {exc.evalue}")
                log(f"executed notebook kept at {failed_dir / spec.name}; previous tables and report left as "
                    "they were")
                return EXIT_NO_ARTICLES if exc.ename == "NoArticlesError" else EXIT_FAILED
            finally:
                kernels.stop(km)
            state.record(spec.name, key, before, stage_processed, stage_reports)
            log(f"{label} done in {time.perf_counter() - t:.1f}s")
    finally:
        kernels.close()

    if pm is None and (reports_dir / REPORT_NAME).is_file():
        log(f"nothing changed since the last run: tables and report kept as they are "
            f"({time.perf_counter() - started:.1f}s; --force re-runs everything)")
        return EXIT_OK
    t = time.perf_counter()
    html = stage_reports / REPORT_NAME
    export_report(stage_reports / "notebooks" / specs[-1].name, html)
    log(f"report rendered in {time.perf_counter() - t:.1f}s")
    state.save(stage_processed)

    # commit: the tables, the figures and executed notebooks, then the report itself
    _swap_dir(stage_processed, processed_dir)
    for sub in ("notebooks", "figures"):
        _swap_dir(stage_reports / sub, reports_dir / sub)
    archive = reports_dir / "archive"
    archive.mkdir(exist_ok=True)
    shutil.copy2(html, archive / f"report-{run_id}.html")
    os.replace(html, reports_dir / REPORT_NAME)
    log(f"report: {reports_dir / REPORT_NAME} (total {time.perf_counter() - started:.1f}s)")
    return EXIT_OK


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m src.pipeline", description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw-dir", type=Path, default=DEFAULT_RAW_DIR, help="input articles (default data/raw)")
    parser.add_argument("--processed-dir", type=Path, default=DEFAULT_PROCESSED_DIR,
                        help="tables (default data/processed)")
    parser.add_argument("--reports-dir", type=Path, default=DEFAULT_REPORTS_DIR,
                        help="report, figures, executed notebooks, logs (default reports)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a notebook parameter (repeatable)")
    parser.add_argument("--force", action="store_true", help="re-run every notebook even if nothing changed")
    parser.add_argument("--collect", action="store_true",
                        help="first fetch new articles from sources.yml into RAW_DIR/collected (as `make collect`)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    # Flags given by the user are taken relative to the working directory; defaults hang off the repo root.
    dirs = [Path(p).expanduser().resolve() for p in (args.raw_dir, args.processed_dir, args.reports_dir)]
    if args.collect:  # collecting never stops the run: a failure is reported and the raw folder used as it is
        from src.collect.__main__ import main as collect

        collect(["--raw-dir", str(dirs[0])])
    try:
        return run(*dirs, overrides=[tuple(p) for p in args.parameter], force=args.force)
    except LockBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.status


if __name__ == "__main__":
    sys.exit(main())
