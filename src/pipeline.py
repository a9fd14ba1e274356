"""``python -m src.pipeline``: the command line of DESIGN.md. The runner itself lives in src/runner/."""
from __future__ import annotations

import sys

from src.runner.pipeline import main

if __name__ == "__main__":
    sys.exit(main())
