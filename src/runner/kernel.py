"""The project's Jupyter kernel: this virtual environment's Python, registered under one fixed name
so that the runner, JupyterLab and cron all execute notebooks with the same interpreter.

    python -m src.runner.kernel      # (re)install the kernelspec into this environment (sys.prefix)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

KERNEL_NAME = "violent-crime-policy"
DISPLAY_NAME = "Python (violent-crime-policy)"


def kernel_spec() -> dict[str, object]:
    # log_level=ERROR keeps ipykernel's start-up warning about unencrypted local TCP out of run logs
    return {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                     "--IPKernelApp.log_level=ERROR"],
            "display_name": DISPLAY_NAME, "language": "python", "metadata": {"debugger": True}}


def install(prefix: Path = Path(sys.prefix)) -> Path:
    folder = prefix / "share" / "jupyter" / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kernel.json"
    path.write_text(json.dumps(kernel_spec(), indent=1), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"installed kernel {KERNEL_NAME!r} at {install()}")
