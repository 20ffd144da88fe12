// plangraph serve: the query editor. Runs the query on /sparql (POST, application/sparql-query)
// and shows the answer as a table; everything read from the answer is written as text, never HTML.
"use strict";
(function () {
  function show(results, data) {
    results.textContent = "";
    if (typeof data.boolean === "boolean") {
      const p = document.createElement("p");
      p.textContent = "Answer: " + (data.boolean ? "yes (true)" : "no (false)");
      results.append(p);
      return 0;
    }
    const vars = data.head.vars;
    const table = document.createElement("table");
    table.className = "sortable answer";
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = v;
      head.append(th);
    }
    const body = table.createTBody();
    for (const binding of data.results.bindings) {
      const row = body.insertRow();
      for (const v of vars) {
        const cell = row.insertCell();
        const term = binding[v];
        if (!term) continue;
        if (term.type === "uri") {
          const a = document.createElement("a");
          a.href = "/thing?iri=" + encodeURIComponent(term.value);
          a.textContent = term.value;
          cell.append(a);
        } else {
          cell.textContent = term.value;
        }
      }
    }
    results.append(table);
    if (window.plangraphSortable) window.plangraphSortable(table);
    return data.results.bindings.length;
  }

  async function run(event) {
    event.preventDefault();
    const status = document.getElementById("status");
    const results = document.getElementById("results");
    const text = document.getElementById("query").value;
    status.textContent = "Running…";
    const started = performance.now();
    try {
      const response = await fetch("/sparql", {
        method: "POST",
        headers: { "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
        body: text,
      });
      if (!response.ok) {
        results.textContent = "";
        const p = document.createElement("p");
        p.className = "error";
        p.setAttribute("role", "alert");
        p.textContent = await response.text();
        results.append(p);
        status.textContent = "The query failed.";
        return;
      }
      const type = response.headers.get("Content-Type") || "";
      if (!type.includes("json")) {
        results.textContent = "";
        const pre = document.createElement("pre");
        pre.textContent = await response.text();
        results.append(pre);
        status.textContent = "A graph, as Turtle.";
        return;
      }
      const rows = show(results, await response.json());
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      status.textContent = rows + " row" + (rows === 1 ? "" : "s") + " in " + seconds + " s.";
    } catch (err) {
      status.textContent = "The server did not answer (" + err + ").";
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("editor");
    const query = document.getElementById("query");
    form.addEventListener("submit", run);
    query.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run(event);
    });
    document.getElementById("example").addEventListener("change", (event) => {
      const chosen = document.getElementById("q-" + event.target.value);
      if (chosen) query.value = chosen.content.textContent;
    });
  });
})();
