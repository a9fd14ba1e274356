"""Stage 5, notebook 05-build-report: the HTML pieces of the standalone report (html) and the
nbconvert template that exports it without CDN scripts (templates/)."""
