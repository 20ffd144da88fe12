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

  var nodes = new vis.DataSet(regional ? data.boxes.map(withCard) : data.nodes.map(withCard));
  var edges = new vis.DataSet(regional || pictured ? [] : data.edges.map(withEdgeCard));
  var kindsOn = {}, plansOn = {};
  data.kinds.forEach(function (k) { kindsOn[k.key] = true; });
  data.plans.forEach(function (p) { plansOn[p.key] = true; });
  function passes(n) {
    if (!kindsOn[n.kind]) return false;
    if (!n.plans.length) return true;
    return n.plans.some(function (p) { return plansOn[p]; });
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

  // -- dashed lines: a few dashes each, whatever the zoom ------------------------------------
  // vis-network gives a dashed line's dashes in the drawing's units, and the browser makes every
  // dash of a line, on screen or not: zoomed out on 300 plans, the partnerships' lines became
  // tens of thousands of dashes each and took 7 s to paint; zoomed in on them, as long. Here a
  // dash is 5 px on screen at any zoom, and a dashed straight line is cut to the part of it on
  // screen (its dashes where they would have been), on the canvas's own drawing calls.
  function visibleRect(pad) {
    var a = network.DOMtoCanvas({ x: -pad, y: -pad });
    var b = network.DOMtoCanvas({ x: container.clientWidth + pad, y: container.clientHeight + pad });
    return [a.x, a.y, b.x, b.y];
  }
  function clip(x0, y0, x1, y1, rect) {
    // the part [t0, t1] of the line from (x0, y0) to (x1, y1) inside rect (Liang-Barsky), or null
    var t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
    var sides = [[-dx, x0 - rect[0]], [dx, rect[2] - x0], [-dy, y0 - rect[1]], [dy, rect[3] - y0]];
    for (var i = 0; i < 4; i++) {
      var p = sides[i][0], q = sides[i][1];
      if (p === 0) { if (q < 0) return null; continue; }
      var t = q / p;
      if (p < 0) { if (t > t1) return null; if (t > t0) t0 = t; } else { if (t < t0) return null; if (t < t1) t1 = t; }
    }
    return [t0, t1];
  }
  function screenDashes(ctx) {
    if (ctx.plangraphDashes) return;
    ctx.plangraphDashes = true;
    var setLineDash = ctx.setLineDash, moveTo = ctx.moveTo, lineTo = ctx.lineTo;
    var dashed = false, rect = null, at = null;
    ctx.setLineDash = function (segments) {
      var scale = network.getScale();
      dashed = segments.some(function (v) { return v > 0; });
      if (dashed) rect = visibleRect(50);
      return setLineDash.call(this, segments.map(function (v) { return v / scale; }));
    };
    ctx.moveTo = function (x, y) { at = [x, y]; return moveTo.call(this, x, y); };
    // after any other step of a path, the next straight line is drawn whole
    ["beginPath", "closePath", "arc", "arcTo", "quadraticCurveTo", "bezierCurveTo", "rect", "ellipse"].forEach(function (name) {
      var step = ctx[name];
      if (typeof step === "function") ctx[name] = function () { at = null; return step.apply(this, arguments); };
    });
    ctx.lineTo = function (x, y) {
      var from = at;
      at = [x, y];
      if (!dashed || !from) return lineTo.call(this, x, y);
      var part = clip(from[0], from[1], x, y, rect);
      if (!part) return moveTo.call(this, x, y);  // off screen: nothing to draw
      if (part[0] === 0 && part[1] === 1) return lineTo.call(this, x, y);
      var dx = x - from[0], dy = y - from[1];
      if (part[0] > 0) {  // start where the line comes on screen, its dashes where they were
        moveTo.call(this, from[0] + part[0] * dx, from[1] + part[0] * dy);
        this.lineDashOffset = part[0] * Math.sqrt(dx * dx + dy * dy);
      }
      lineTo.call(this, from[0] + part[1] * dx, from[1] + part[1] * dy);
      if (part[1] < 1) moveTo.call(this, x, y);  // the path goes on from the line's end
    };
  }

  // -- colours: by type or by organisation; dimmed around a selection ----------------
  var colourBy = "type";
  var selected = null;
  function baseColour(n) { return colourBy === "type" ? n.byType : n.byOrg; }
  function paint() {
    var near = null;
    if (selected !== null && nodes.get(selected) && !nodes.get(selected).band) {  // a plan's box: nothing dims
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
      if (id !== null) edges.add((linksOf[id] || []).map(withEdgeCard));
    }
    paint();
    showDetails(id);
  }
  // the picture of every line: one path for each kind and width of line, from the nodes' places
  var pictureGroups = {};
  if (pictured) {
    data.edges.forEach(function (e) {
      var key = e.kind + " " + e.width;
      (pictureGroups[key] = pictureGroups[key] || []).push(e);
    });
  }
  function drawPicture(ctx) {
    if (!pictured) return;
    var at = network.getPositions(), round = data.layered ? 0.45 : 0;
    ctx.save();
    Object.keys(pictureGroups).forEach(function (key) {
      var group = pictureGroups[key], first = group[0];
      ctx.beginPath();
      group.forEach(function (e) {
        var a = at[e.from], b = at[e.to];
        if (!a || !b || !drawnNow[e.from] || !drawnNow[e.to]) return;
        ctx.moveTo(a.x, a.y);
        if (round) {  // vis-network's horizontal cubic Bézier
          var dx = b.x - a.x;
          ctx.bezierCurveTo(a.x + round * dx, a.y, b.x - round * dx, b.y, b.x, b.y);
        } else ctx.lineTo(b.x, b.y);
      });
      ctx.strokeStyle = first.kindColour;
      ctx.globalAlpha = selected !== null ? 0.25 : first.baseOpacity;
      ctx.lineWidth = first.width;
      ctx.setLineDash(first.dashes ? [5, 5] : []);
      ctx.stroke();
    });
    ctx.restore();
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (byId[id] && byId[id].band) toggleBand(byId[id].band);
      select(id);
    } else if (!params.edges.length) { select(null); network.unselectAll(); }
  });

  // -- where the view opens, and readable zooms --------------------------------------------
  var READABLE_PX = 10;  // the smallest text drawn at the opening zoom, in screen pixels
  function readableScale(ids) {
    var least = Infinity;
    ids.forEach(function (id) {
      var n = nodes.get(id);
      if (n && n.label) least = Math.min(least, n.font.size);
    });
    return isFinite(least) ? READABLE_PX / least : 0;
  }
  function showFrom(x, y, scale) {
    // the point (x, y) of the drawing at the top left of the canvas, a little in
    var pad = 16 / scale;
    network.moveTo({ position: { x: x - pad + container.clientWidth / 2 / scale,
                                 y: y - pad + container.clientHeight / 2 / scale },
                     scale: scale, animation: false });
  }
  // Fitted whole, a view of two plans drew its item labels at 5 px. The page fits the view when
  // that leaves every label readable; otherwise it opens at the least readable zoom on the view's
  // top left (a plan's first rows; at regional scale the first plans' boxes). "Show all" fits.
  function openingView() {
    network.fit({ animation: false });
    var ids = shown.getIds();
    var scale = readableScale(ids);
    if (network.getScale() > 1) network.moveTo({ scale: 1, animation: false });  // a few boxes: not blown up
    if (!ids.length || network.getScale() >= scale) return;
    var left = Infinity, top = Infinity;
    ids.forEach(function (id) {
      var box = network.getBoundingBox(id);
      if (box) { left = Math.min(left, box.left); top = Math.min(top, box.top); }
    });
    if (!regional && data.columns.length) top = Math.min(top, headingsTop() - 30);
    showFrom(left, top, scale);
  }

  // -- plans at regional scale: a box per plan, a plan's band drawn when it is opened --------
  var opened = {}, bandTop = {}, rowShift = [];
  var bandsOfRow = data.rows.map(function () { return []; });
  data.bands.forEach(function (b) { bandsOfRow[b.row].push(b); });
  var inBand = {};
  data.nodes.forEach(function (n) {
    Object.keys(n.spots || {}).forEach(function (slug) { (inBand[slug] = inBand[slug] || []).push(n.id); });
  });
  var GAP = 40;
  function arrange() {
    // each open band under its row of boxes, the rows below moved down to make room; a node
    // that several open plans share is drawn in the first of their bands
    var shift = 0;
    bandTop = {};
    data.rows.forEach(function (bottom, r) {
      rowShift[r] = shift;
      var y = bottom + shift + GAP;
      bandsOfRow[r].forEach(function (b) {
        if (!opened[b.key]) return;
        bandTop[b.key] = y;
        y += b.height + GAP;
      });
      shift = y - GAP - bottom;
    });
    var where = {};
    data.bands.forEach(function (b) {
      if (!opened[b.key]) return;
      (inBand[b.key] || []).forEach(function (id) {
        if (where[id]) return;
        var spot = byId[id].spots[b.key];
        where[id] = { x: spot[0], y: bandTop[b.key] + spot[1] };
      });
    });
    return where;
  }
  function rearrange() {
    var where = arrange();
    var had = {}, hadEdge = {};
    nodes.getIds().forEach(function (id) { had[id] = true; });
    edges.getIds().forEach(function (id) { hadEdge[id] = true; });
    var gone = Object.keys(had).filter(function (id) { return !byId[id].band && !where[id]; });
    var put = data.boxes.map(function (b) {
      return { id: b.id, x: b.x, y: b.y + rowShift[b.row], label: (opened[b.band] ? "▾ " : "▸ ") + b.label };
    });
    Object.keys(where).forEach(function (id) {
      var at = where[id];
      put.push(had[id] ? { id: id, x: at.x, y: at.y } : Object.assign({}, withCard(byId[id]), { x: at.x, y: at.y }));
    });
    var wanted = {};
    Object.keys(where).forEach(function (id) {
      (linksOf[id] || []).forEach(function (e) { if (where[e.from] && where[e.to]) wanted[e.id] = e; });
    });
    // a few calls, each with every change: each call makes vis-network process the network again
    edges.remove(Object.keys(hadEdge).filter(function (id) { return !wanted[id]; }));
    nodes.remove(gone);
    nodes.update(put);
    edges.add(Object.keys(wanted).filter(function (id) { return !hadEdge[id]; }).map(function (id) { return withEdgeCard(wanted[id]); }));
    refresh();
    if (selected !== null) select(nodes.get(selected) ? selected : null);
  }
  function openBand(slug, show) {
    if (!regional || opened[slug] || !inBand[slug]) return;
    opened[slug] = true;
    rearrange();
    if (show) {  // the band's top left, at a zoom where its words read; its row of boxes above it
      var left = Infinity, box = byId["band:" + slug], top = bandTop[slug] - 20;
      data.boxes.forEach(function (b) { left = Math.min(left, network.getBoundingBox(b.id).left); });
      var first = bandsOfRow[box.row].filter(function (b) { return opened[b.key]; })[0];
      if (first && first.key === slug) top = network.getBoundingBox(box.id).top - 20;
      showFrom(left, top, readableScale(inBand[slug]));
    }
  }
  function toggleBand(slug) {
    if (opened[slug]) { delete opened[slug]; rearrange(); } else openBand(slug, true);
  }
  var closeAll = document.getElementById("close-plans");
  closeAll.hidden = !regional;
  closeAll.addEventListener("click", function () {
    Object.keys(opened).forEach(function (slug) { delete opened[slug]; });
    rearrange();
    openingView();
  });
  document.addEventListener("keydown", function (event) {
    // Enter on a plan's box (selected by a click or a search) opens or closes it
    if (event.key !== "Enter" || !regional || selected === null || !byId[selected] || !byId[selected].band) return;
    if (/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(event.target.tagName || "")) return;
    toggleBand(byId[selected].band);
  });

  // -- search ----------------------------------------------------------------------------
  // the names offered as one types: listed when the search box is first used (tens of thousands
  // of them at regional scale took 0.4 s before anything was drawn)
  var listed = false;
  function listNames() {
    if (listed) return;
    listed = true;
    var list = document.getElementById("names"), seen = {}, all = document.createDocumentFragment();
    data.boxes.concat(data.nodes).forEach(function (n) {
      [n.name, n.label.replace(/\n/g, " ")].forEach(function (text) {
        if (!text || seen[text]) return;
        seen[text] = true;
        var option = document.createElement("option");
        option.value = text;
        all.appendChild(option);
      });
    });
    list.appendChild(all);
  }
  // what a search looks through: what is drawn, or at regional scale what can be
  function searchable() {
    if (!regional) return shown.get();
    return data.boxes.concat(data.nodes).filter(function (n) { return (n.band || n.spots) && passes(n); });
  }
  function namesOf(n) { return [String(n.name || "").toLowerCase(), n.label.replace(/\n/g, " ").toLowerCase()]; }
  // typing a whole name (as the list offers them) goes to it at once
  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    var hit = null;
    searchable().forEach(function (n) {
      if (!hit && namesOf(n).indexOf(q) >= 0) hit = n;
    });
    return hit;
  }
  var status = document.getElementById("search-status");
  function focusNode(n) {
    if (regional && !nodes.get(n.id) && n.spots) {
      var slugs = Object.keys(n.spots);
      openBand(slugs.filter(function (s) { return opened[s]; })[0] || slugs[0], false);
    }
    network.selectNodes([n.id]);
    network.focus(n.id, { scale: Math.max(network.getScale(), 1.1), animation: false });
    select(n.id);
    status.textContent = "";
  }
  var search = document.getElementById("search");
  search.addEventListener("focus", listNames);
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
    searchable().forEach(function (n) {
      var names = namesOf(n);
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
  var drawnNow = {};  // the ids of the nodes shown: the picture's lines join these alone
  function refresh() {
    shown.refresh();
    drawnNow = {};
    shown.getIds().forEach(function (id) { drawnNow[id] = true; });
    if (selected !== null && !shown.get(selected)) select(null);
    if (regional) {
      var drawn = shown.getIds().filter(function (id) { return !byId[id].band; }).length;
      count.textContent = drawn + " of " + data.nodes.length + " shown; " + Object.keys(opened).length +
        " of " + data.bands.length + " plans open";
    } else {
      count.textContent = shown.length + " of " + nodes.length + " shown";
    }
  }

  // Column headings, drawn on the canvas above the top node of each column (above each open
  // band at regional scale).
  function headingsTop() {
    var top = Infinity;
    data.nodes.forEach(function (n) { top = Math.min(top, n.y); });
    return top - 55;
  }
  var headingsAt = regional ? null : headingsTop();
  network.on("beforeDrawing", function (ctx) {
    screenDashes(ctx);
    drawPicture(ctx);
    if (!data.columns.length) return;
    ctx.save();
    ctx.font = "bold 26px Arial, Helvetica, sans-serif";
    ctx.fillStyle = "#6b6b6b";
    ctx.textAlign = "center";
    var tops = regional ? Object.keys(bandTop).map(function (slug) { return bandTop[slug] + data.head / 2; }) : [headingsAt];
    tops.forEach(function (y) { data.columns.forEach(function (c) { ctx.fillText(c.label, c.x, y); }); });
    ctx.restore();
  });

  if (pictured) {
    document.getElementById("notes").appendChild(el("li", "Its " + data.edges.length.toLocaleString("en-GB") +
      " lines are drawn as one picture; click a node to pick out its own lines and hover them."));
  }
  if (regional) rearrange(); else refresh();
  openingView();
  // Tests and the benchmark read these. plangraphDrawn: milliseconds from the start of the page's
  // navigation until the first drawing is on screen (the frame after vis-network's first
  // drawing: the browser paints the canvas then, which can take longer than drawing it).
  window.plangraph = { network: network, nodes: nodes, edges: edges, shown: shown, data: data, ready: false,
                       select: select, find: find, regional: regional, opened: opened, openBand: openBand,
                       toggleBand: toggleBand,
                       fontPx: function (id) { var n = nodes.get(id); return n ? n.font.size * network.getScale() : null; },
                       onScreen: function () {
                         var a = network.DOMtoCanvas({ x: 0, y: 0 });
                         var b = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
                         return shown.getIds().filter(function (id) {
                           var box = network.getBoundingBox(id);
                           return box && box.left >= a.x && box.right <= b.x && box.top >= a.y && box.bottom <= b.y;
                         });
                       } };
  network.once("afterDrawing", function () {
    window.plangraph.ready = true;
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        window.plangraphDrawn = performance.now();
        document.documentElement.setAttribute("data-drawn", String(Math.round(window.plangraphDrawn)));
      });
    });
  });
  network.redraw();
})();
