"""The benchmark: the full pipeline on synthetic corpora of N articles, against the design's fixed cost.

    make bench                       # N = 5, 1000, 10000
    python -m benchmarks.run --sizes 5,1000 --keep /tmp/bench

For each N it prints, per step, the wall time, articles per second and the peak memory of the
whole process tree (runner + kernels + workers), then checks the targets of issues 7 and 12:
the run on five articles within 1.6 times the fixed cost (four trivial notebooks through papermill
plus one HTML export, measured in the same run), at most 3 ms per additional article, 10,000
articles in under 40 s and 2 GB, and a report of at most 10 MB built in at most 3 s. It also
times a second, unchanged run (incremental: nothing re-runs). Timing is reported, never asserted in tests.
"""
from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import psutil

from benchmarks.corpus import build
from src.common.paths import DEFAULT_RAW_DIR, REPO_ROOT

STEP = re.compile(r"\[(\d)/\d\] (\S+) done in ([\d.]+)s|report rendered in ([\d.]+)s|papermill loaded in ([\d.]+)s")


class PeakMemory:
    """Samples the resident memory of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop.is_set():
            total = 0
            try:
                for proc in [root, *root.children(recursive=True)]:
                    try:
                        total += proc.memory_info().rss
                    except psutil.NoSuchProcess:
                        pass
            except psutil.NoSuchProcess:
                break
            self.peak = max(self.peak, total)
            time.sleep(self.interval)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_measured(cmd: list[str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with PeakMemory(proc.pid) as mem:
        out, _ = proc.communicate()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{out}")
    return wall, mem.peak, out


FIXED_COST = textwrap.dedent("""
    import sys, time, nbformat
    from pathlib import Path
    t = time.perf_counter()
    import papermill as pm
    from nbconvert import HTMLExporter
    from src.runner.kernel import KERNEL_NAME
    tmp = Path(sys.argv[1])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
                                         nbformat.v4.new_code_cell("print(x)")])
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "language": "python", "display_name": "Python"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, tmp / "trivial.ipynb")
    for i in range(int(sys.argv[2])):
        pm.execute_notebook(str(tmp / "trivial.ipynb"), str(tmp / f"out{i}.ipynb"), kernel_name=KERNEL_NAME,
                            progress_bar=False, parameters={"x": i})
    HTMLExporter().from_filename(str(tmp / "out3.ipynb"))
    print(f"fixed {time.perf_counter() - t:.3f}")
""")


def fixed_cost(tmp: Path, notebooks: int = 4) -> tuple[float, float]:
    """(wall time of the whole process, time inside it) for trivial notebooks + one export."""
    wall, _, out = run_measured([sys.executable, "-c", FIXED_COST, str(tmp), str(notebooks)])
    return wall, float(re.search(r"fixed ([\d.]+)", out).group(1))


def pipeline(raw: Path, work: Path, force: bool = True) -> dict:
    cmd = [sys.executable, "-m", "src.pipeline", "--raw-dir", str(raw), "--processed-dir", str(work / "processed"),
           "--reports-dir", str(work / "reports")] + (["--force"] if force else [])
    wall, peak, out = run_measured(cmd)
    report = work / "reports" / "report.html"
    steps: dict[str, float] = {}
    for m in STEP.finditer(out):
        if m.group(2):
            steps[m.group(2).removesuffix(".ipynb")] = float(m.group(3))
        elif m.group(4):
            steps["html export"] = float(m.group(4))
        else:
            steps["papermill import"] = float(m.group(5))
    return {"wall": wall, "peak_mb": peak / 2**20, "steps": steps, "output": out,
            "report_mb": report.stat().st_size / 2**20 if report.is_file() else 0.0}


def report_secs(result: dict) -> float:
    """Building the report: notebook 05 plus the HTML export."""
    return result["steps"].get("05-build-report", 0.0) + result["steps"].get("html export", 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5,1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--keep", type=Path, help="keep corpora and outputs in this folder")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-"))
    base.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.machine()}, {psutil.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}")
    from src.runner.pipeline import discover_notebooks

    steps = len(discover_notebooks())
    fixed_wall, fixed_inner = fixed_cost(base, 4)
    print(f"fixed cost (4 trivial notebooks + 1 HTML export): {fixed_wall:.2f}s wall ({fixed_inner:.2f}s in-process)")
    own_wall = fixed_wall
    if steps != 4:
        own_wall, own_inner = fixed_cost(base, steps)
        print(f"fixed cost with this pipeline's {steps} notebooks: {own_wall:.2f}s wall ({own_inner:.2f}s in-process)")
    results = {}
    for n in sizes:
        raw = base / f"corpus-{n}"
        if not raw.is_dir():
            build(DEFAULT_RAW_DIR, raw, n)
        res = pipeline(raw, base / f"out-{n}")
        results[n] = res
        print(f"\nN = {n:,}: {res['wall']:.2f}s wall, {n / res['wall']:.0f} articles/s, peak {res['peak_mb']:.0f} MB, "
              f"report {res['report_mb']:.1f} MB")
        for step, secs in res["steps"].items():
            print(f"  {step:24s} {secs:6.2f}s  {n / secs if secs else 0:8.0f} articles/s")
        print(f"  {'report (05 + export)':24s} {report_secs(res):6.2f}s")
    if 1000 in results or sizes:
        n = sizes[-1]
        again = pipeline(base / f"corpus-{n}", base / f"out-{n}", force=False)
        results["unchanged"] = again
        print(f"\nunchanged re-run on N = {n:,}: {again['wall']:.2f}s "
              f"({again['wall'] / results[n]['wall']:.1%} of the full run)")
    print("\ntargets:")
    small = results.get(5)
    if small:
        print(f"  5 articles within 1.6 x fixed cost of 4 notebooks: {small['wall']:.2f}s vs {1.6 * fixed_wall:.2f}s "
              f"-> {'met' if small['wall'] <= 1.6 * fixed_wall else 'NOT met'}")
        if steps != 4:
            print(f"  5 articles within 1.6 x fixed cost of {steps} notebooks: {small['wall']:.2f}s vs "
                  f"{1.6 * own_wall:.2f}s -> {'met' if small['wall'] <= 1.6 * own_wall else 'NOT met'}")
    big = max(n for n in results if isinstance(n, int))
    if small and big > 5:
        per = (results[big]["wall"] - small["wall"]) / (big - 5) * 1000
        print(f"  per additional article (5 -> {big:,}): {per:.2f} ms -> {'met' if per <= 3 else 'NOT met'} (<= 3 ms)")
    if 10000 in results:
        r = results[10000]
        print(f"  10,000 articles: {r['wall']:.1f}s (< 40 s: {'met' if r['wall'] < 40 else 'NOT met'}), "
              f"peak {r['peak_mb']:.0f} MB (< 2048 MB: {'met' if r['peak_mb'] < 2048 else 'NOT met'})")
        print(f"  report at 10,000 articles: {r['report_mb']:.1f} MB (<= 10 MB: "
              f"{'met' if r['report_mb'] <= 10 else 'NOT met'}), built in {report_secs(r):.1f}s (notebook 05 + "
              f"export, <= 3 s: {'met' if report_secs(r) <= 3 else 'NOT met'})")
    if args.json:
        args.json.write_text(json.dumps({"fixed_wall": fixed_wall, "fixed_inner": fixed_inner, "fixed_own": own_wall,
                                         "runs": {str(k): {kk: vv for kk, vv in v.items() if kk != "output"}
                                                  for k, v in results.items()}}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
