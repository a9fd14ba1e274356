"""Collecting new articles from feeds and URL lists into data/raw/collected/ (``make collect``)."""
