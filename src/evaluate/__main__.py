"""``python -m src.evaluate``: print the extraction scores (see src/evaluate/scores.py)."""
from __future__ import annotations

import sys

from src.evaluate.scores import main

if __name__ == "__main__":
    sys.exit(main())
