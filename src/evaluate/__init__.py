"""Scores of the extraction against hand-made answers in ``data/gold/`` (``python -m src.evaluate``)."""
