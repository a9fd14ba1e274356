// Draws the report's tables from the compressed payload (see src/report/datatables.py).
// Article text is untrusted: it only ever reaches the page through esc() or textContent.
(async () => {
  "use strict";
  const esc = (t) => String(t).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  const bytes = (id) => Uint8Array.from(atob(document.getElementById(id).textContent.trim()), (c) => c.charCodeAt(0));

  const stream = new Blob([bytes("report-data")]).stream().pipeThrough(new DecompressionStream("gzip"));
  const data = JSON.parse(await new Response(stream).text());
  const S = data.s;
  const url = URL.createObjectURL(new Blob([bytes("datatables-library")], {type: "text/javascript"}));
  const {default: DataTable} = await import(url);
  URL.revokeObjectURL(url);

  const titles = new Map((data.titles || []).map(([a, t]) => [S[a], S[t] || S[a]]));
  const fmt = {
    m: (v) => (v / 1e6).toLocaleString("en-GB", {maximumFractionDigits: 3}),
    pct: (v) => (v > 0 ? "+" : "") + Math.round(v * 100) + "%",
    int: (v) => Math.round(v).toLocaleString("en-GB"),
    "": (v) => v.toLocaleString("en-GB"),
  };

  function text(c, v, type) {  // the cell's plain value: what is searched, sorted and downloaded
    if (c.kind !== "num") return S[Array.isArray(v) ? v[0] : v];
    if (v === null) return "";
    if (type !== "export") return v;
    return c.fmt === "m" ? v / 1e6 : c.fmt === "pct" ? Math.round(v * 1000) / 10 : v;  // as the column is labelled
  }

  function display(c, v) {
    if (c.kind === "num") return v === null ? "" : esc(fmt[c.fmt](v));
    if (c.kind === "sentence") {
      const s = S[Array.isArray(v) ? v[0] : v];
      if (!Array.isArray(v)) return '<q class="clamp">' + esc(s) + "</q>";
      const [, a, b] = v;
      return '<q class="clamp">' + esc(s.slice(0, a)) + "<mark>" + esc(s.slice(a, b)) + "</mark>" + esc(s.slice(b)) + "</q>";
    }
    if (c.kind === "article") {
      const id = S[v], title = titles.get(id) || id;
      return '<a class="article-link" href="#articles" data-article="' + esc(id) + '" title="' + esc(title) + '">' + esc(title) + "</a>";
    }
    return c.width === "small" ? '<span class="clamp">' + esc(S[v]) + "</span>" : esc(S[v]);
  }

  // "Download CSV": the rows the table shows (after any search), every column, values as stored.
  function csv(cols, rows) {
    const field = (x) => {
      const t = String(x);
      return /[",\r\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
    };
    const lines = [cols.map((c) => field(c.label)).join(",")];
    for (const r of rows) lines.push(cols.map((c, i) => field(text(c, r[i], "export"))).join(","));
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function downloadButton(name, cols, table) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "download-csv";
    button.textContent = "Download CSV";
    button.title = "The rows shown (after any search), as a CSV file";
    button.addEventListener("click", () => {
      const rows = table().rows({search: "applied", order: "applied"}).data().toArray();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([csv(cols, rows)], {type: "text/csv;charset=utf-8"}));
      link.download = name + ".csv";
      document.body.appendChild(link);
      link.click();
      setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    });
    return button;
  }

  const drawn = new Map();
  for (const holder of document.querySelectorAll("div.report-table[data-table]")) {
    const name = holder.dataset.table, spec = data.tables[name];
    if (!spec) continue;
    const cols = spec.columns;
    const idCol = cols.findIndex((c) => c.kind === "hidden");
    const table = document.createElement("table");
    table.className = "display compact report-data";
    table.id = "table-" + name;
    const caption = table.createCaption();
    caption.textContent = spec.caption;
    holder.appendChild(table);
    const paging = spec.rows.length > 25;
    const dt = new DataTable(table, {
      data: spec.rows,
      deferRender: true,
      autoWidth: false,
      paging: paging,
      pageLength: 25,
      lengthMenu: [10, 25, 100],
      order: [],
      columns: cols.map((c, i) => ({
        title: c.label,
        className: [c.width ? "w-" + c.width : "", c.kind === "num" ? "dt-right" : ""].join(" ").trim(),
        visible: c.kind !== "hidden",
        type: c.kind === "num" ? "num" : "string",
        data: i,
        render: (v, type) => (type === "display" ? display(c, v) : text(c, v, type)),
      })),
      createdRow: (row, values) => {
        if (idCol >= 0) row.title = cols[idCol].label + ": " + S[values[idCol]];
      },
      layout: {
        topStart: paging ? "pageLength" : null,
        topEnd: ["search", () => downloadButton(name, cols, () => dt)],
        bottomStart: "info",
        bottomEnd: paging ? "paging" : null,
      },
    });
    drawn.set(name, dt);
  }

  // A long text is cut to a few lines (CSS line-clamp) so that a screen shows many rows; a click shows all of it.
  document.addEventListener("click", (event) => {
    const cut = event.target.closest(".clamp");
    if (cut && !event.target.closest("a")) cut.classList.toggle("open");
  });

  // An article link shows that article's row in the articles table.
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.article-link");
    const articles = drawn.get("articles");
    if (!link || !articles) return;
    event.preventDefault();
    articles.search(link.dataset.article).draw();
    document.getElementById("articles").scrollIntoView();
  });
  document.body.dataset.tablesReady = String(drawn.size);
})().catch((error) => {
  document.body.dataset.tablesError = String(error);
  for (const holder of document.querySelectorAll("div.report-table")) {
    const p = document.createElement("p");
    p.className = "table-error";
    p.textContent = "This table could not be drawn in this browser (" + error + "); the rows are in the processed folder as CSV.";
    holder.appendChild(p);
  }
});
