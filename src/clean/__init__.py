"""Stage 1, notebook 01-clean-articles: read the raw files (ingest), label every line as content or
furniture (lines), find title, byline and date (dates), split sentences (sentences), and build
``articles.csv`` (articles)."""
