"""Stage 3: charts of funding and crime figures (seaborn/matplotlib, SVG with its text kept as text).

Every chart has a title, units, a colour-blind-safe palette (seaborn "colorblind") and a source
note naming the articles; each stays legible from 5 to 500 articles by showing the largest items
and folding the rest into "other", or by switching to counts.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import textwrap
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, NullFormatter  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from src.charts.figures import Figure  # noqa: E402
from src.runner.parallel import worker_count  # noqa: E402

PALETTE = sns.color_palette("colorblind")
plt.rcParams.update({"svg.hashsalt": "violent-crime-policy", "svg.fonttype": "none", "font.size": 10, "axes.titlesize": 12,
                     "axes.titleweight": "bold", "figure.dpi": 100, "savefig.dpi": 85})


def source_note(article_ids: list[str], limit: int = 6) -> str:
    ids = sorted(set(article_ids))
    if not ids:
        return "Source: no articles"
    shown = ", ".join(ids[:limit])
    more = f" and {len(ids) - limit} more" if len(ids) > limit else ""
    return f"Source: {len(ids)} article{'s' if len(ids) != 1 else ''} ({shown}{more}); figures as the articles state them."


def _wrap(label: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _save(fig: plt.Figure, out_dir: Path, name: str, title: str, alt: str, note: str) -> Figure:
    fig.text(0.01, -0.02, _wrap(note, 140), fontsize=8, color="#444444", ha="left", va="top")
    out_dir.mkdir(parents=True, exist_ok=True)
    svg = out_dir / f"{name}.svg"
    # the report inlines every chart in one page: a salt per chart keeps their clip-path ids apart
    with plt.rc_context({"svg.hashsalt": f"violent-crime-policy-{name}"}):
        fig.savefig(svg, bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return Figure(name, title, alt, svg.name)


def top_funders(df: pd.DataFrame, k: int = 6) -> pd.Series:
    """The funder of each row, with all but the ``k`` largest funders (by amount) as "other funders":
    a legend longer than that cannot be read, and costs seconds to draw at scale."""
    funder = df["funder"].replace("", "(funder not stated)")
    ranked = df.assign(funder=funder).groupby("funder")["amount_gbp"].sum().sort_values(ascending=False)
    keep = set(ranked.index[:k])
    return funder.where(funder.isin(keep), "other funders")


def _empty(out_dir: Path, name: str, title: str, message: str) -> Figure:
    fig, ax = plt.subplots(figsize=(8, 2))
    ax.axis("off")
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center")
    return _save(fig, out_dir, name, title, f"{title}: {message}", "")


def funding_by_programme(funding: pd.DataFrame, out_dir: Path, top_n: int = 15) -> Figure:
    """Top-level amounts per programme in £m, coloured by funder; shares (part_of) drawn inside their
    parent's bar, so nothing is added twice."""
    title = "Funding announced, by programme (£m)"
    if funding.empty:
        return _empty(out_dir, "funding_by_programme", title, "No funding claims in these articles.")
    df = funding.copy()
    df["programme"] = df["programme"].replace("", "(programme not stated)")
    df["funder"] = top_funders(df)
    top = df[df["part_of"] == ""].drop_duplicates(subset=["programme", "amount_gbp"])
    by_funder = top.pivot_table(index="programme", columns="funder", values="amount_gbp", aggfunc="sum", fill_value=0)
    order = by_funder.sum(axis=1).sort_values().index
    by_funder = by_funder.loc[order]
    if len(by_funder) > top_n:
        n_rest = len(by_funder) - top_n
        rest = by_funder.iloc[:-top_n].sum().to_frame(f"{n_rest} other programme{'s' if n_rest > 1 else ''}").T
        by_funder = pd.concat([rest, by_funder.iloc[-top_n:]])
    funders = list(by_funder.sum().sort_values(ascending=False).index)
    colours = {f: PALETTE[i % len(PALETTE)] for i, f in enumerate(funders)}
    fig, ax = plt.subplots(figsize=(10, max(3.0, 0.6 * len(by_funder) + 1.5)))
    left = pd.Series(0.0, index=by_funder.index)
    for funder in funders:
        values = by_funder[funder] / 1e6
        ax.barh(range(len(by_funder)), values, left=left, color=colours[funder], height=0.6, label=funder)
        left += values
    parent_of = dict(zip(df["claim_id"], df["programme"]))
    shares = df[df["part_of"] != ""].copy()
    shares["parent"] = shares["part_of"].map(parent_of)
    for i, prog in enumerate(by_funder.index):
        inner = (shares[shares["parent"] == prog].drop_duplicates(subset=["programme", "amount_gbp"])
                 .groupby("programme")["amount_gbp"].sum().sort_values(ascending=False))
        total = left.iat[i]
        start = 0.0
        for amount in inner:  # shares sit inside the parent's bar, never beyond it
            width = min(amount / 1e6, max(total - start, 0))
            ax.barh(i, width, left=start, height=0.3, facecolor="white", edgecolor="#333333", hatch="//")
            start += width
        label = f" £{total:,.1f}m"
        if len(inner):
            named = ", ".join(f"{name} £{amount / 1e6:,.1f}m" for name, amount in inner.iloc[:3].items())
            label += " incl. " + named + (f" and {len(inner) - 3} more" if len(inner) > 3 else "")
        ax.text(total, i, _wrap(label, 60), va="center", fontsize=8)
    ax.set_yticks(range(len(by_funder)), [_wrap(p, 32) for p in by_funder.index], fontsize=8)
    ax.set_xlabel("£ million (the same amount reported twice is counted once)")
    ax.set_title(title)
    ax.set_xlim(0, float(left.max()) * 1.7 if len(left) else 1)
    handles, names = ax.get_legend_handles_labels()
    handles.append(plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor="#333333", hatch="//"))
    ax.legend(handles, names + ["share inside that amount (not added)"], title="Funder", fontsize=8,
              loc="lower right")
    sns.despine(ax=ax)
    totals = by_funder.sum(axis=1)
    alt = "Horizontal bars of funding per programme in £ million, coloured by funder: " + "; ".join(
        f"{p} £{a / 1e6:,.1f}m" for p, a in zip(totals.index[::-1], totals[::-1]))
    return _save(fig, out_dir, "funding_by_programme", title, alt, source_note(df["article_id"].tolist()))


def funding_over_time(funding: pd.DataFrame, articles: pd.DataFrame, out_dir: Path) -> Figure:
    title = "Funding announcements over time (by article date, £m)"
    df = funding[funding["part_of"] == ""].merge(articles[["article_id", "published"]], on="article_id", how="left")
    dated = df[df["published"].fillna("") != ""].copy()
    if dated.empty:
        return _empty(out_dir, "funding_over_time", title, "No dated article reports funding.")
    dated["date"] = pd.to_datetime(dated["published"])
    dated["funder"] = top_funders(dated)
    fig, ax = plt.subplots(figsize=(10, 4.5))
    markers = "osD^vP*Xh"
    for k, (funder, grp) in enumerate(dated.groupby("funder", sort=True)):
        ax.scatter(grp["date"], grp["amount_gbp"] / 1e6, s=60, marker=markers[k % len(markers)],
                   color=PALETTE[k % len(PALETTE)], label=funder, alpha=0.8, edgecolor="white", linewidth=0.5,
                   rasterized=len(dated) > 2000)  # thousands of points: an image inside the SVG, not shapes
    if len(dated) <= 25:
        for r in dated.itertuples():
            ax.annotate(_wrap(str(r.programme) or r.amount_text, 25), (r.date, r.amount_gbp / 1e6), fontsize=8,
                        xytext=(5, 3), textcoords="offset points")
    ax.set_yscale("log")
    # plain tick labels: the default 10^n labels go through mathtext, which costs half a second to load
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.10g}"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_ylabel("£ million (log scale)")
    ax.set_xlabel("article date")
    ax.set_title(title)
    ax.legend(title="Funder", fontsize=8)
    sns.despine(ax=ax)
    undated = sorted(set(df["article_id"]) - set(dated["article_id"]))
    note = source_note(dated["article_id"].tolist())
    if undated:
        note += f" Not shown: {len(undated)} undated article(s) with funding claims."
    alt = "Scatter of funding amounts against article date: " + "; ".join(
        f"{r.published}: £{r.amount_gbp / 1e6:,.1f}m {r.programme} ({r.funder})" for r in dated.itertuples())
    return _save(fig, out_dir, "funding_over_time", title, alt, note)


def outcome_figures(outcomes: pd.DataFrame, out_dir: Path, max_rows: int = 40) -> Figure:
    """Each statement of change as a bar of its stated change (%), or an arrow when the article
    gives no figure; above ``max_rows`` claims, counts per metric and direction instead. Levels
    ("741 offences were recorded") are drawn by outcome_levels."""
    title = "Crime figures as the articles state them: changes"
    changes = outcomes[outcomes["direction"] != "none"] if not outcomes.empty else outcomes
    if changes.empty:
        return _empty(out_dir, "outcome_figures", title, "No statements of change in crime figures in these articles.")
    df = changes.copy()
    colours = {"up": PALETTE[3], "down": PALETTE[2], "none": PALETTE[7]}
    if len(df) > max_rows:
        counts = df.groupby(["metric", "direction"]).size().unstack(fill_value=0)
        counts = counts.loc[counts.sum(axis=1).sort_values().index[-20:]]
        fig, ax = plt.subplots(figsize=(10, max(3, 0.4 * len(counts) + 1.5)))
        counts.plot.barh(stacked=True, ax=ax, color=[colours.get(c, PALETTE[0]) for c in counts.columns])
        ax.set_xlabel("number of claims")
        ax.set_title(title + " (claims per metric and direction)")
        alt = "Stacked bars of outcome claims per metric: " + "; ".join(
            f"{m}: " + ", ".join(f"{d} {int(n)}" for d, n in row.items() if n) for m, row in counts.iterrows())
    else:
        df["label"] = [_wrap(f"{r.metric}, {r.place or 'place not stated'}"
                             + (f" ({r.period})" if r.period else "") + f" [{r.article_id[:10]}]", 50)
                       for r in df.itertuples()]
        fig, ax = plt.subplots(figsize=(10, max(3, 0.5 * len(df) + 1.5)))
        for i, r in enumerate(df.itertuples()):
            if pd.notna(r.change):
                ax.barh(i, r.change * 100, color=colours[r.direction], height=0.6)
                ax.text(r.change * 100, i, f" {r.magnitude}", va="center", fontsize=8)
            else:
                marker = {"up": ">", "down": "<", "none": "o"}[r.direction]
                ax.scatter([0], [i], marker=marker, s=90, color=colours[r.direction], zorder=3)
                ax.text(0, i, f"   no figure: \"{r.magnitude}\" ({r.direction})", va="center", fontsize=8)
        ax.set_yticks(range(len(df)), df["label"], fontsize=8)
        ax.axvline(0, color="#333333", linewidth=0.8)
        ax.set_xlabel("stated change, per cent (bars); arrows: direction only, no figure given")
        ax.set_title(title)
        ax.invert_yaxis()
        ax.margins(x=0.35)
        alt = "Outcome claims: " + "; ".join(
            f"{r.metric} in {r.place or 'unstated place'} {r.direction}"
            + (f" {r.change * 100:+.0f}%" if pd.notna(r.change) else f" ({r.magnitude})") for r in df.itertuples())
    sns.despine(ax=ax)
    return _save(fig, out_dir, "outcome_figures", title, alt, source_note(changes["article_id"].tolist()))


def outcome_levels(outcomes: pd.DataFrame, out_dir: Path, max_rows: int = 40) -> Figure:
    """Each stated level ("741 offences involving a knife in 2019/20") as a dot on a log scale (the
    counts run from single homicides to tens of thousands of offences), labelled with its figure and
    unit; above ``max_rows`` levels, the median figure of each metric, place and period, with how
    many claims state it, for the most stated."""
    title = "Crime figures as the articles state them: levels"
    levels = outcomes[(outcomes["direction"] == "none") & pd.to_numeric(outcomes.get("value"), errors="coerce").gt(0)] \
        if not outcomes.empty and "value" in outcomes else outcomes.iloc[0:0]
    if levels.empty:
        return _empty(out_dir, "outcome_levels", title, "No crime levels with a figure in these articles.")
    df = levels.assign(value=pd.to_numeric(levels["value"]), what=levels["category"].where(
        levels["category"].fillna("") != "", levels["metric"]))
    df["unit"] = df["unit"].fillna("")
    if len(df) > max_rows:
        df = (df.groupby(["what", "place", "period", "unit"], dropna=False)
              .agg(value=("value", "median"), claims=("value", "size")).reset_index()
              .sort_values(["claims", "value"], ascending=False).head(max_rows))
        df["note"] = [f" {v:,.0f} {u} (median of {n})" for v, u, n in zip(df["value"], df["unit"], df["claims"])]
        df["article_id"] = ""
    else:
        df["note"] = [f" {v:,.0f} {u}" for v, u in zip(df["value"], df["unit"])]
    df["label"] = [_wrap(f"{r.what}, {r.place or 'place not stated'}" + (f" ({r.period})" if r.period else "")
                         + (f" [{r.article_id[:10]}]" if r.article_id else ""), 50) for r in df.itertuples()]
    fig, ax = plt.subplots(figsize=(10, max(3, 0.5 * len(df) + 1.5)))
    ax.scatter(df["value"], range(len(df)), s=60, color=PALETTE[0], zorder=3)
    for i, r in enumerate(df.itertuples()):
        ax.text(r.value, i, r.note, va="center", fontsize=8)
    ax.set_xscale("log")
    ax.set_yticks(range(len(df)), df["label"], fontsize=8)
    ax.set_xlabel("stated figure (log scale)")
    ax.set_title(title)
    ax.invert_yaxis()
    ax.margins(x=0.3)
    sns.despine(ax=ax)
    alt = "Crime levels stated: " + "; ".join(f"{r.what} in {r.place or 'unstated place'}"
                                              + (f" ({r.period})" if r.period else "") + f":{r.note}"
                                              for r in df.itertuples())
    return _save(fig, out_dir, "outcome_levels", title, alt, source_note(levels["article_id"].tolist()))


def claims_per_article(claims: pd.DataFrame, articles: pd.DataFrame, out_dir: Path, max_articles: int = 40) -> Figure:
    title = "Claims per article, by type"
    if articles.empty:
        return _empty(out_dir, "claims_per_article", title, "No articles.")
    counts = claims.groupby(["article_id", "claim_type"]).size().unstack(fill_value=0)
    counts = counts.reindex(articles["article_id"], fill_value=0)
    for col in ("funding", "outcome", "policy"):
        if col not in counts.columns:
            counts[col] = 0
    counts = counts[["funding", "outcome", "policy"]]
    shown = counts.loc[counts.sum(axis=1).sort_values(ascending=True).index[-max_articles:]]
    fig, ax = plt.subplots(figsize=(10, max(3, 0.35 * len(shown) + 1.5)))
    shown.plot.barh(stacked=True, ax=ax, color=PALETTE[:3])
    ax.set_xlabel("number of claims")
    ax.set_ylabel("article")
    ax.set_title(title + (f" (the {max_articles} with most claims)" if len(counts) > max_articles else ""))
    ax.tick_params(axis="y", labelsize=8)
    sns.despine(ax=ax)
    alt = "Stacked bars of claims per article: " + "; ".join(
        f"{aid}: " + ", ".join(f"{k} {int(v)}" for k, v in row.items()) for aid, row in shown.iloc[::-1].iterrows())
    return _save(fig, out_dir, "claims_per_article", title, alt, source_note(articles["article_id"].tolist()))


def _draw(job: tuple[str, tuple]) -> Figure:
    name, args = job
    return CHARTS[name](*args)


CHARTS = {"funding_by_programme": funding_by_programme, "funding_over_time": funding_over_time,
          "outcome_figures": outcome_figures, "outcome_levels": outcome_levels,
          "claims_per_article": claims_per_article}


def draw_all(funding: pd.DataFrame, outcomes: pd.DataFrame, claims: pd.DataFrame, articles: pd.DataFrame,
             out_dir: Path, top_n: int = 15, workers: int = 0) -> list[Figure]:
    """Every chart, drawn on all cores (text rendering dominates; each chart is independent)."""
    jobs = [("funding_by_programme", (funding, out_dir, top_n)), ("funding_over_time", (funding, articles, out_dir)),
            ("outcome_figures", (outcomes, out_dir)), ("outcome_levels", (outcomes, out_dir)),
            ("claims_per_article", (claims, articles, out_dir))]
    out_dir.mkdir(parents=True, exist_ok=True)
    n = min(worker_count(workers), len(jobs))
    if n > 1:
        with ProcessPoolExecutor(max_workers=n, mp_context=mp.get_context(
                "fork" if "fork" in mp.get_all_start_methods() else "spawn")) as pool:
            figures = list(pool.map(_draw, jobs))
    else:
        figures = [_draw(job) for job in jobs]
    (out_dir / "figures.json").write_text(json.dumps([asdict(f) for f in figures], indent=2), encoding="utf-8")
    return figures

