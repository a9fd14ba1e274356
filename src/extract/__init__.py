"""Claim extraction: funding, crime outcomes, quotes, programmes (regular expressions over sentences)."""
