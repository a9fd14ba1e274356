"""Violent-crime-policy research pipeline: cleaning, claim extraction, charts and report."""
