"""Project hygiene: notebooks committed clean, environment files agree, Makefile targets exist."""
from __future__ import annotations

import json
import re

import yaml

from src.common.paths import NOTEBOOK_DIR, REPO_ROOT


def test_notebooks_have_no_outputs_or_counts() -> None:
    for path in NOTEBOOK_DIR.glob("*.ipynb"):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path.name


def test_notebooks_use_project_kernel_and_one_parameters_cell() -> None:
    for path in NOTEBOOK_DIR.glob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "violent-crime-policy"
        tagged = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
        assert len(tagged) == 1, path.name
        assert re.fullmatch(r"\d\d-[a-z]+(-[a-z]+)+\.ipynb", path.name)


def test_environment_yml_installs_requirements_through_pip() -> None:
    env = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert pip == ["-r requirements.txt"]
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    assert python == "python=3.11"


def test_requirements_are_pinned_and_cover_the_design_card() -> None:
    lines = [ln for ln in (REPO_ROOT / "requirements.txt").read_text().splitlines() if ln and not ln.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", ln) for ln in lines)
    names = {ln.split("==")[0].lower() for ln in lines}
    assert {"jupyterlab", "pandas", "matplotlib", "seaborn", "nbconvert", "papermill", "pytest", "playwright"} <= names


def test_makefile_targets_and_ci() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text()
    for target in ("report", "test", "lab", "help", "clean"):
        assert re.search(rf"^{target}:.*## ", makefile, re.M), target
    assert "make test" in (REPO_ROOT / ".ci" / "run").read_text()


def test_raw_data_matches_shared_seed() -> None:
    shared = REPO_ROOT.parent / "shared" / "data" / "raw"
    if shared.is_dir():  # beside a checkout on the team's machines; a bare clone has only data/raw
        for src in shared.glob("*.txt"):
            assert (REPO_ROOT / "data" / "raw" / src.name).read_bytes() == src.read_bytes()
    assert len(list((REPO_ROOT / "data" / "raw").glob("*.txt"))) >= 5


def test_papermill_reads_the_same_parameters_as_the_runner() -> None:
    import papermill as pm

    from src.runner.pipeline import discover_notebooks

    for spec in discover_notebooks():
        assert set(pm.inspect_notebook(str(spec.path))) == set(spec.parameters), spec.name


def test_helpers_import_stage_modules_only_when_used() -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom src.helpers import clean_corpus, save_corpus, resolve\n"
            "print(sorted(m for m in ('matplotlib', 'seaborn', 'itables', 'pandera') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr
    from src import helpers

    for name in helpers.__all__:
        assert getattr(helpers, name) is not None


def test_jupyterlab_opens_without_the_news_pop_up(tmp_path) -> None:
    """`make lab` installs the project's JupyterLab defaults; they must be valid settings of the installed
    JupyterLab (a misspelt key would be ignored silently) and turn news and update checks off."""
    import subprocess

    import jsonschema

    overrides = json.loads((REPO_ROOT / "jupyter" / "lab-overrides.json").read_text(encoding="utf-8"))
    notification = overrides["@jupyterlab/apputils-extension:notification"]
    assert notification["fetchNews"] == "false" and notification["checkForUpdates"] is False
    schemas = REPO_ROOT / ".venv" / "share" / "jupyter" / "lab" / "schemas"
    for plugin, settings in overrides.items():
        package, name = plugin.split(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text(encoding="utf-8"))
        jsonschema.validate(settings, schema)
    # the rule `make lab` depends on writes the file where JupyterLab reads overrides (sys.prefix)
    venv = tmp_path / "venv"
    (venv / ".installed").parent.mkdir(parents=True)
    (venv / ".installed").touch()
    out = subprocess.run(["make", "-C", str(REPO_ROOT), f"VENV={venv}", f"STAMP={venv / '.installed'}",
                          str(venv / "share/jupyter/lab/settings/overrides.json")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads((venv / "share/jupyter/lab/settings/overrides.json").read_text()) == overrides
