"""Stage 3, notebook 03-chart-figures: the funding and crime-figure charts (draw) and what each
chart is, for the report (figures)."""
