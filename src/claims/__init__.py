"""Stage 2, notebook 02-tabulate-claims: funding, crime outcomes, quotes and programmes found in
the cleaned sentences, written as ``funding.csv``, ``outcomes.csv``, ``quotes.csv``,
``programmes.csv`` and ``claims.csv`` (tables)."""
