// plangraph view page: the data, the network and what a selection does. Every text shown comes
// from the plans' documents, so it is put into the page with textContent (or as an option's
// value or label), never as HTML. html.py joins this file and the view-*.js files, in its
// SCRIPTS order, inside one function: each file's names are every file's.
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

  // Tooltips are built when a node or line is first put in the network: at regional scale most
  // never are (see "plans at regional scale" below).
  function withCard(n) { if (!n.title) n.title = nodeCard(n, false); return n; }
  function withEdgeCard(e) { if (!e.title) e.title = edgeCard(e); return e; }
  // The page's data names each node's colours by their place in data.colours, and gives its
  // font's size alone; each line's look is its kind's (data.lines): written once, not in each record.
  var FACE = "Arial, Helvetica, sans-serif";
  function styled(n) {
    n.color = data.colours[n.color];
    n.byType = data.colours[n.byType];
    n.byOrg = data.colours[n.byOrg];
    n.font = { size: n.font, color: "#1a1a1a", face: FACE, strokeWidth: n.shape === "box" ? 0 : 3, strokeColor: "#ffffff" };
  }
  data.nodes.forEach(styled);
  data.boxes.forEach(styled);
  data.edges.forEach(function (e, i) {
    var look = data.lines[e.kind];
    e.id = "e" + i;
    e.color = Object.assign({}, look.color);
    e.dashes = look.dashes;
    e.arrows = look.arrows;
    if (look.font) e.font = look.font;
    e.kindColour = e.color.color;  // the colours paint() goes back to
    e.baseOpacity = e.color.opacity;
  });
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  data.boxes.forEach(function (b) { byId[b.id] = b; });
  // A view of many plans (plangraph.publish.views.regional) opens on one box per plan and draws
  // a plan's band of nodes when it is opened; a smaller view draws every node at once.
  var regional = data.boxes.length > 0;
  // A view with more lines than vis-network makes in a second or so (data.manyLines: it took
  // 1.5 s for the 18,000 of across-plans at 300 plans) draws them at once, as one picture under
  // the nodes, and gives vis-network only the selected node's lines, to hover and pick out.
  var pictured = !regional && data.edges.length > data.manyLines;
  var linksOf = {};
  if (regional || pictured) {
    data.edges.forEach(function (e) {
      (linksOf[e.from] = linksOf[e.from] || []).push(e);
      (linksOf[e.to] = linksOf[e.to] || []).push(e);
    });
  }

  // The partnerships' "strongest links" (view-strongest.js): the lines shown are those of pairs
  // sharing at least `least` items (data.leastWeight at first: at most about 300 lines); a node
  // with no line shown is greyed (faint), still drawn, counted, listed and searched.
  var least = data.leastWeight || 0;  // 0: no such control, every line shown
  function lineShown(e) { return !least || e.shared === undefined || e.shared >= least; }
  var linked = {};  // the nodes with a line shown
  function markLinked() {
    linked = {};
    data.edges.forEach(function (e) { if (lineShown(e)) { linked[e.from] = true; linked[e.to] = true; } });
  }
  function faint(n) { return least > 0 && !linked[n.id] && !n.band; }
  markLinked();

  var nodes = new vis.DataSet(regional ? data.boxes.map(withCard) : data.nodes.map(withCard));
  var edges = new vis.DataSet(regional || pictured ? [] : data.edges.filter(lineShown).map(withEdgeCard));
  // What the filters let through (view-filters.js ticks them): a node is shown when it passes
  // each. A priority, outcome, heading or item passes the priority filter when its priority or top
  // heading (pri) is ticked; an item passes the lead filter when a ticked organisation, post or
  // team leads it (leads), or it has none and "Led by no ..." is ticked; a lead (leadOrg) when it is
  // ticked itself. Any other node passes them both.
  var on = { kinds: {}, plans: {}, priorities: {}, leads: {}, noLead: true };
  data.kinds.forEach(function (k) { on.kinds[k.key] = true; });
  data.plans.forEach(function (p) { on.plans[p.key] = true; });
  data.priorities.forEach(function (p, i) { on.priorities[i] = true; });
  data.leadOrgs.forEach(function (o, i) { on.leads[i] = true; });
  function passes(n) {
    if (!on.kinds[n.kind]) return false;
    if (n.pri !== undefined && !on.priorities[n.pri]) return false;
    if (n.leadOrg !== undefined && !on.leads[n.leadOrg]) return false;
    if (n.leads && !(n.leads.length ? n.leads.some(function (o) { return on.leads[o]; }) : on.noLead)) return false;
    if (!n.plans.length) return true;
    return n.plans.some(function (p) { return on.plans[p]; });
  }
  var shown = new vis.DataView(nodes, { filter: passes });

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
  // vis-network makes its frame a Tab stop, where no key does anything (the keyboard's way is
  // the Nodes list): out of the Tab order
  Array.prototype.forEach.call(container.querySelectorAll("[tabindex]"), function (e) { e.tabIndex = -1; });

  // -- colours: by type or by organisation; dimmed around a selection ----------------
  var colourBy = "type";
  var selected = null;
  function baseColour(n) { return colourBy === "type" ? n.byType : n.byOrg; }
  var FAINT = { background: "#f7f7f7", border: "#c8c8c8", highlight: { background: "#f7f7f7", border: "#000000" },
                hover: { background: "#f7f7f7", border: "#000000" } };
  function paint() {
    var near = null;
    if (selected !== null && nodes.get(selected) && !nodes.get(selected).band) {  // a plan's box: nothing dims
      near = {};
      near[selected] = true;
      network.getConnectedNodes(selected).forEach(function (id) { near[id] = true; });
    }
    var nodeUpdates = nodes.get().map(function (n) {
      var dim = near && !near[n.id];
      var pale = !dim && faint(n);  // no line shown: greyed, its name still readable
      return {
        id: n.id,
        color: dim ? { background: "#f0f0f0", border: "#dddddd" } : (pale ? FAINT : baseColour(n)),
        font: { size: n.font.size, color: dim ? "#c4c4c4" : (pale ? "#6e6e6e" : "#1a1a1a"), face: n.font.face,
                strokeWidth: n.font.strokeWidth, strokeColor: "#ffffff" }
      };
    });
    nodes.update(nodeUpdates);
    // one update for all edges: each update call makes vis re-process the whole network
    var edgeUpdates = edges.get().map(function (e) {
      var touches = near && (e.from === selected || e.to === selected);
      var dim = near && !touches;
      return { id: e.id, color: { color: dim ? "#eeeeee" : (touches ? "#222222" : e.kindColour), opacity: dim ? 0.4 : (touches ? 0.95 : e.baseOpacity),
                                  highlight: "#000000", hover: "#000000" } };
    });
    edges.update(edgeUpdates);
  }

  function showDetails(id) {
    var section = document.getElementById("details");
    var body = document.getElementById("details-body");
    body.textContent = "";
    if (id === null || !nodes.get(id)) { section.hidden = true; return; }
    var n = nodes.get(id);
    body.appendChild(nodeCard(byId[id] || n, true));
    if (n.band) {
      var button = el("button", opened[n.band] ? "Close this plan" : "Open this plan");
      button.type = "button";
      button.id = "toggle-plan";
      button.addEventListener("click", function () { toggleBand(n.band); });
      body.appendChild(button);
    }
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
    if (pictured) {  // the selected node's own lines, drawn by vis-network over the picture
      edges.clear();
      if (id !== null) edges.add((linksOf[id] || []).filter(lineShown).map(withEdgeCard));
    }
    paint();
    showDetails(id);
    listSelected(id);  // the Nodes list (view-keys.js) shows the same
  }
  // the picture of every line: one path for each kind and width of line, from the nodes' places
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (byId[id] && byId[id].band) toggleBand(byId[id].band);
      select(id);
    } else if (!params.edges.length) { select(null); network.unselectAll(); }
  });

