"""Incremental runs: a step re-runs only when something it depends on changed.

A step's key is a digest of: the raw files (names and contents), its notebook, the ``src``
modules it uses (found by reading imports, transitively), its parameters, and the key of the
step before it (a step reads what earlier steps wrote). The outputs a step wrote are recorded
with the key in ``<processed>/.pipeline-state.json``; when the key is unchanged they are copied
from the last successful run instead of running the notebook again.
"""
from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from src.clean.ingest import file_digest, tree_digest
from src.common.paths import REPO_ROOT, resolve
from src.common.vocab import VOCABULARY_DIR

STATE_FILE = ".pipeline-state.json"
SRC = REPO_ROOT / "src"


def raw_digest(raw_dir: Path) -> str:
    return tree_digest(raw_dir)


def _module_path(module: str) -> Path | None:
    if not module.startswith("src"):
        return None
    parts = module.split(".")
    candidate = REPO_ROOT.joinpath(*parts)
    if candidate.with_suffix(".py").is_file():
        return candidate.with_suffix(".py")
    if (candidate / "__init__.py").is_file():
        return candidate / "__init__.py"
    return None


def _imports(tree: ast.AST, top_level: bool = False) -> list[tuple[str, tuple[str, ...]]]:
    """(module, names) for every import of ``src`` code; names is () for ``import src.x``."""
    found: list[tuple[str, tuple[str, ...]]] = []
    nodes = tree.body if top_level and isinstance(tree, ast.Module) else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            found.extend((alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, tuple(alias.name for alias in node.names)))
    return [(m, n) for m, n in found if m == "src" or m.startswith("src.")]


def _lazy_exports(tree: ast.AST) -> dict[str, str]:
    """A module-level ``EXPORTS = {"name": "src.module", ...}`` (the lazy table of src/helpers.py)."""
    for node in getattr(tree, "body", []):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Name) and target.id == "EXPORTS" and node.value is not None:
                value = ast.literal_eval(node.value)
                return {k: v for k, v in value.items() if isinstance(v, str) and v.startswith("src")}
    return {}


def src_dependencies(code: str) -> list[Path]:
    """Every ``src`` file that ``code`` uses, directly or through other ``src`` modules.

    ``from src.helpers import clean_corpus`` follows only the module that helpers takes
    ``clean_corpus`` from (plus helpers.py itself), so a step depends on the stage code it calls,
    not on every module the façade re-exports.
    """
    todo = list(_imports(ast.parse(code)))
    seen: dict[tuple[str, tuple[str, ...]], None] = {}
    files: dict[str, Path] = {}
    while todo:
        module, names = todo.pop()
        if (module, names) in seen:
            continue
        seen[(module, names)] = None
        sub = [(f"{module}.{n}", ()) for n in names if _module_path(f"{module}.{n}")]
        todo.extend(sub)
        path = _module_path(module)
        if path is None:
            continue
        files[str(path)] = path
        tree = ast.parse(path.read_text(encoding="utf-8"))
        origin: dict[str, tuple[str, tuple[str, ...]]] = {}
        for mod, imported in _imports(tree, top_level=True):
            for n in imported:
                origin[n] = (mod, (n,))
        origin.update({n: (mod, (n,)) for n, mod in _lazy_exports(tree).items()})
        wanted = [n for n in names if not _module_path(f"{module}.{n}")]
        if wanted and all(n in origin for n in wanted):
            todo.extend(origin[n] for n in wanted)
        else:
            todo.extend(_imports(tree))
    return sorted(files.values())


_VOCABULARY_CALL = re.compile(r"\bvocabulary\(\s*[\"'](?P<name>[\w-]+)[\"']")


def vocabularies_used(files: list[Path]) -> set[str]:
    """Names of the vocabularies that ``files`` load with ``vocabulary("name")``."""
    return {m.group("name") for f in files for m in _VOCABULARY_CALL.finditer(f.read_text(encoding="utf-8"))}


def notebook_code(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
             for c in nb["cells"] if c["cell_type"] == "code"]
    # IPython magics are not Python: leave them out of the import scan
    return "\n".join(line for cell in cells for line in cell.splitlines() if not line.lstrip().startswith(("%", "!")))


def step_key(notebook: Path, params: dict[str, Any], raw: str, upstream: str, stage_processed: Path,
             stage_reports: Path) -> str:
    h = hashlib.sha256()
    h.update(file_digest(notebook).encode())
    def stable_value(value: object) -> str:  # staging folders change name every run
        text = str(value)
        for folder, tag in ((str(stage_processed), "<processed>"), (str(stage_reports), "<reports>")):
            if text == folder or text.startswith(folder + "/"):
                return tag + text[len(folder):]
        return text

    stable = {k: stable_value(v) for k, v in sorted(params.items())}
    h.update(json.dumps(stable, sort_keys=True).encode())
    for name, value in sorted(params.items()):  # input folders other than raw (e.g. the reference data)
        if name.endswith("_dir") and name != "raw_dir" and not stable[name].startswith("<"):
            folder = resolve(str(value))
            if folder.is_dir():
                h.update(name.encode() + tree_digest(folder).encode())
    h.update(raw.encode() + upstream.encode())
    deps = src_dependencies(notebook_code(notebook))
    for dep in deps:
        h.update(dep.relative_to(REPO_ROOT).as_posix().encode() + file_digest(dep).encode())
    for data in sorted({f for dep in deps for f in dep.parent.glob("*.json")}):  # e.g. the line model
        h.update(data.relative_to(REPO_ROOT).as_posix().encode() + file_digest(data).encode())
    for name in sorted(vocabularies_used(deps)):  # domain vocabularies the step's code loads
        path = VOCABULARY_DIR / f"{name}.csv"
        h.update(name.encode() + (file_digest(path).encode() if path.is_file() else b"missing"))
    for extra in sorted((SRC / "report" / "templates").rglob("*")):
        if extra.is_file():
            h.update(file_digest(extra).encode())
    return h.hexdigest()


def snapshot(stage_processed: Path, stage_reports: Path) -> dict[str, tuple[int, int]]:
    files: dict[str, tuple[int, int]] = {}
    for tag, root in (("processed", stage_processed), ("reports", stage_reports)):
        for p in root.rglob("*"):
            if p.is_file():
                st = p.stat()
                files[f"{tag}/{p.relative_to(root).as_posix()}"] = (st.st_size, st.st_mtime_ns)
    return files


@dataclass
class State:
    previous: dict[str, dict[str, Any]]
    processed_dir: Path
    reports_dir: Path
    current: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, processed_dir: Path, reports_dir: Path) -> "State":
        try:
            previous = json.loads((processed_dir / STATE_FILE).read_text(encoding="utf-8"))["steps"]
        except (OSError, ValueError, KeyError):
            previous = {}
        return cls(previous, processed_dir, reports_dir)

    def _live(self, rel: str) -> Path:
        tag, _, rest = rel.partition("/")
        return (self.processed_dir if tag == "processed" else self.reports_dir) / rest

    def reusable(self, step: str, key: str) -> bool:
        """The step's key is unchanged and all of its previous outputs are still there."""
        entry = self.previous.get(step)
        return bool(entry) and entry.get("key") == key and all(self._live(r).is_file() for r in entry["outputs"])

    def reuse(self, step: str, stage_processed: Path, stage_reports: Path) -> None:
        """Copy the previous outputs of ``step`` into the staging folders (``reusable`` said they fit)."""
        entry = self.previous[step]
        for rel in entry["outputs"]:
            tag, _, rest = rel.partition("/")
            dest = (stage_processed if tag == "processed" else stage_reports) / rest
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(self._live(rel), dest)
        self.current[step] = entry

    def record(self, step: str, key: str, before: dict[str, tuple[int, int]], stage_processed: Path,
               stage_reports: Path) -> None:
        after = snapshot(stage_processed, stage_reports)
        outputs = sorted(rel for rel, sig in after.items() if before.get(rel) != sig and rel != "processed/run.json")
        self.current[step] = {"key": key, "outputs": outputs}

    def save(self, stage_processed: Path) -> None:
        (stage_processed / STATE_FILE).write_text(json.dumps({"steps": self.current}, indent=2), encoding="utf-8")
