"""Small utilities every stage uses: repository paths, table schemas, text normalisation and the
loader of the domain vocabularies (``vocabularies/`` at the repository root)."""
