// plangraph view page. Every text shown comes from the plans' documents, so it is put into
// the page with textContent (or as an option's value), never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("plangraph-data").textContent);
  var kindLabel = {};
  data.kinds.forEach(function (k) { kindLabel[k.key] = k.label; });
  var planLabel = {};
  data.plans.forEach(function (p) { planLabel[p.key] = p.label; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function cut(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }
  function planNames(n) { return n.plans.map(function (p) { return planLabel[p] || p; }).join(", "); }

  // -- tooltips and details, built as DOM --------------------------------------------
  function nodeCard(n, full) {
    var box = el("div");
    box.appendChild(el("div", n.name || n.label, "tip-name"));
    var kind = kindLabel[n.kind] || n.kind;
    if (n.isGroup) kind = "Group of " + kind.toLowerCase() + "s";
    box.appendChild(el("div", kind + (n.plans.length ? " · " + planNames(n) : ""), "kindline"));
    if (n.flag) {
      var flag = el("div", "⚠ " + n.flag);
      flag.style.color = data.flagColour;
      box.appendChild(flag);
    }
    var quotes = full ? n.quotes : n.quotes.slice(0, 3);
    quotes.forEach(function (q) {
      box.appendChild(el("div", q.where, "where"));
      box.appendChild(el("blockquote", full ? q.text : cut(q.text, 280)));
    });
    var more = n.moreQuotes + (n.quotes.length - quotes.length);
    if (more > 0) box.appendChild(el("div", "… and " + more + " more places in the documents", "where"));
    if (n.details.length) {
      var list = el("ul");
      var shown = full ? n.details : n.details.slice(0, 8);
      shown.forEach(function (d) { list.appendChild(el("li", d)); });
      if (shown.length < n.details.length) list.appendChild(el("li", "… and " + (n.details.length - shown.length) + " more (click)"));
      box.appendChild(list);
    }
    return box;
  }
  function edgeCard(e) {
    var box = el("div");
    String(e.text).split("\n").forEach(function (line, i) { box.appendChild(el("div", line, i ? "" : "tip-name")); });
    return box;
  }

  data.nodes.forEach(function (n) { n.title = nodeCard(n, false); });
  data.edges.forEach(function (e, i) { e.id = "e" + i; e.title = edgeCard(e); });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var kindsOn = {}, plansOn = {};
  data.kinds.forEach(function (k) { kindsOn[k.key] = true; });
  data.plans.forEach(function (p) { plansOn[p.key] = true; });
  var shown = new vis.DataView(nodes, {
    filter: function (n) {
      if (!kindsOn[n.kind]) return false;
      if (!n.plans.length) return true;
      return n.plans.some(function (p) { return plansOn[p]; });
    }
  });

  var options = {
    physics: { enabled: false },  // positions come from Python: nothing moves after drawing
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 120, multiselect: false, navigationButtons: false, keyboard: false },
    nodes: { font: { face: "Arial, Helvetica, sans-serif" } },
    edges: {
      smooth: data.layered ? { type: "cubicBezier", forceDirection: "horizontal", roundness: 0.45 } : false,
      selectionWidth: 1.5
    }
  };
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: shown, edges: edges }, options);

  // -- colours: by type or by organisation; dimmed around a selection ----------------
  var colourBy = "type";
  var selected = null;
  function baseColour(n) { return colourBy === "type" ? n.byType : n.byOrg; }
  function paint() {
    var near = null;
    if (selected !== null && nodes.get(selected)) {
      near = {};
      near[selected] = true;
      network.getConnectedNodes(selected).forEach(function (id) { near[id] = true; });
    }
    var nodeUpdates = nodes.get().map(function (n) {
      var dim = near && !near[n.id];
      return {
        id: n.id,
        color: dim ? { background: "#f0f0f0", border: "#dddddd" } : baseColour(n),
        font: { size: n.font.size, color: dim ? "#c4c4c4" : "#1a1a1a", face: n.font.face,
                strokeWidth: n.font.strokeWidth, strokeColor: "#ffffff" }
      };
    });
    nodes.update(nodeUpdates);
    var edgeUpdates = edges.get().map(function (e) {
      var touches = near && (e.from === selected || e.to === selected);
      var dim = near && !touches;
      return { id: e.id, color: { color: dim ? "#eeeeee" : (touches ? "#222222" : e.kindColour), opacity: dim ? 0.4 : (touches ? 0.95 : e.baseOpacity),
                                  highlight: "#000000", hover: "#000000" } };
    });
    edges.update(edgeUpdates);
  }
  // one update for all edges: each update call makes vis re-process the whole network
  edges.update(edges.get().map(function (e) { return { id: e.id, kindColour: e.color.color, baseOpacity: e.color.opacity }; }));

  function showDetails(id) {
    var section = document.getElementById("details");
    var body = document.getElementById("details-body");
    body.textContent = "";
    if (id === null || !nodes.get(id)) { section.hidden = true; return; }
    var n = nodes.get(id);
    body.appendChild(nodeCard(n, true));
    var links = el("ul");
    edges.get().forEach(function (e) {
      if (e.from !== id && e.to !== id) return;
      var other = nodes.get(e.from === id ? e.to : e.from);
      if (!other) return;
      links.appendChild(el("li", (e.from === id ? "→ " : "← ") + cut(other.name || other.label, 120)));
    });
    if (links.childNodes.length) { body.appendChild(el("div", "Linked to", "kindline")); body.appendChild(links); }
    section.hidden = false;
  }
  function select(id) {
    selected = id;
    paint();
    showDetails(id);
  }
  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0]);
    else if (!params.edges.length) { select(null); network.unselectAll(); }
  });

  // -- search ----------------------------------------------------------------------------
  var list = document.getElementById("names");
  var seen = {};
  data.nodes.forEach(function (n) {
    [n.name, n.label.replace(/\n/g, " ")].forEach(function (text) {
      if (!text || seen[text]) return;
      seen[text] = true;
      var option = document.createElement("option");
      option.value = text;
      list.appendChild(option);
    });
  });
  // typing a whole name (as the list offers them) goes to it at once
  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    var hit = null;
    shown.get().forEach(function (n) {
      if (hit) return;
      var names = [String(n.name).toLowerCase(), n.label.replace(/\n/g, " ").toLowerCase()];
      if (names.indexOf(q) >= 0) hit = n;
    });
    return hit;
  }
  var status = document.getElementById("search-status");
  function focusNode(n) {
    network.selectNodes([n.id]);
    network.focus(n.id, { scale: Math.max(network.getScale(), 1.1), animation: false });
    select(n.id);
    status.textContent = "";
  }
  var search = document.getElementById("search");
  search.addEventListener("input", function () {
    var n = find(search.value);
    if (n) focusNode(n);
  });
  // Enter lists every match (whole names first) and steps through them; Shift+Enter steps back
  var matches = [], at = -1, asked = null;
  function allMatches(text) {
    var q = text.trim().toLowerCase();
    if (!q) return [];
    var whole = [], part = [];
    shown.get().forEach(function (n) {
      var names = [String(n.name || "").toLowerCase(), n.label.replace(/\n/g, " ").toLowerCase()];
      if (names.indexOf(q) >= 0) whole.push(n);
      else if (names[0].indexOf(q) >= 0 || names[1].indexOf(q) >= 0) part.push(n);
    });
    return whole.concat(part);
  }
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    if (search.value !== asked) { matches = allMatches(search.value); at = -1; asked = search.value; }
    if (!matches.length) {
      status.textContent = search.value.trim() ? "Nothing shown is called that" : "";
      return;
    }
    at = (at + (event.shiftKey ? -1 : 1) + matches.length) % matches.length;
    focusNode(matches[at]);
    status.textContent = "Match " + (at + 1) + " of " + matches.length +
      (matches.length > 1 ? " (Enter: next, Shift+Enter: back)" : "");
  });

  // -- legend, filters and colour switch ----------------------------------------------
  function swatch(colour, shape) {
    var s = el("span", null, "swatch " + (shape || ""));
    s.style.borderColor = colour;
    s.style.background = shape === "box" || shape === "square" ? colour + "55" : colour;
    if (shape === "triangle") s.style.borderBottomColor = colour;
    return s;
  }
  function checkbox(parent, label, on, colour, shape, change) {
    var row = el("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = on;
    box.addEventListener("change", function () { change(box.checked); });
    row.appendChild(box);
    if (colour) row.appendChild(swatch(colour, shape));
    row.appendChild(el("span", label));
    parent.appendChild(row);
    return box;
  }
  var kindsBox = document.getElementById("kinds");
  data.kinds.forEach(function (k) {
    checkbox(kindsBox, k.label, true, k.colour, k.shape, function (on) { kindsOn[k.key] = on; refresh(); });
  });
  var plansBox = document.getElementById("plans");
  data.plans.forEach(function (p) {
    checkbox(plansBox, p.label, true, null, null, function (on) { plansOn[p.key] = on; refresh(); });
  });
  var orgsBox = document.getElementById("orgs");
  data.organisations.forEach(function (o) {
    var row = el("label");
    row.appendChild(swatch(o.colour, "box"));
    row.appendChild(el("span", o.label));
    orgsBox.appendChild(row);
  });
  var noOrg = el("label");
  noOrg.appendChild(swatch("#d9d9d9", "box"));
  noOrg.appendChild(el("span", "No lead organisation"));
  orgsBox.appendChild(noOrg);
  var lines = document.getElementById("lines");
  data.edgeKinds.forEach(function (k) {
    var row = el("label");
    row.appendChild(el("span", null, "line" + (k.dashed ? " dashed" : "")));
    row.lastChild.style.borderTopColor = k.colour;
    row.appendChild(el("span", k.label));
    lines.appendChild(row);
  });
  if (data.flag) {
    var flagRow = el("label");
    var ring = swatch("#ffffff", "dot");
    ring.style.borderColor = data.flagColour;
    ring.style.borderWidth = "3px";
    flagRow.appendChild(ring);
    flagRow.appendChild(el("span", data.flag));
    lines.appendChild(flagRow);
  }
  if (data.groups) {
    var groupRow = el("label");
    var dashed = swatch("#9e9e9e", "box");
    dashed.style.borderStyle = "dashed";
    dashed.style.background = "#ffffff";
    groupRow.appendChild(dashed);
    groupRow.appendChild(el("span", "a group: hover or click to list"));
    lines.appendChild(groupRow);
  }
  document.getElementById("colour-by").addEventListener("change", function (event) {
    colourBy = event.target.value;
    document.getElementById("legend-orgs").hidden = colourBy !== "organisation";
    paint();
  });
  if (!data.organisations.length) document.getElementById("colour-by").disabled = true;
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: false }); });

  var count = document.getElementById("count");
  function refresh() {
    shown.refresh();
    if (selected !== null && !shown.get(selected)) select(null);
    count.textContent = shown.length + " of " + nodes.length + " shown";
  }

  // Column headings, drawn on the canvas above the top node of each column.
  var top = Infinity;
  data.nodes.forEach(function (n) { top = Math.min(top, n.y); });
  network.on("beforeDrawing", function (ctx) {
    if (!data.columns.length) return;
    ctx.save();
    ctx.font = "bold 26px Arial, Helvetica, sans-serif";
    ctx.fillStyle = "#6b6b6b";
    ctx.textAlign = "center";
    data.columns.forEach(function (c) { ctx.fillText(c.label, c.x, top - 55); });
    ctx.restore();
  });

  refresh();
  network.fit({ animation: false });
  window.plangraph = { network: network, nodes: nodes, edges: edges, shown: shown, data: data, ready: false,
                       select: select, find: find };
  network.once("afterDrawing", function () { window.plangraph.ready = true; });
  network.redraw();
})();
