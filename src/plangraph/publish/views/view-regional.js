// plangraph view page, part of one script: html.py joins view.js and the view-*.js files, in
// its SCRIPTS order, inside one function, so each file's names are every file's.
// Plans at regional scale.
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

