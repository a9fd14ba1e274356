"""Stage 4, notebook 04-check-claims: claims set against the official statistics in
``data/external/`` (compare) and the small SVG chart drawn for each check (sparklines)."""
