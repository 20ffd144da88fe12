// plangraph view page, part of one script: html.py joins view.js and the view-*.js files, in
// its SCRIPTS order, inside one function, so each file's names are every file's.
// What is drawn on the canvas besides vis-network's own: short dashes, the picture of many
// lines, column headings; and where the view opens.
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
        if (!a || !b || !drawnNow[e.from] || !drawnNow[e.to] || !lineShown(e)) return;
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
  // A view that names where to open (data.openOn: the partnerships' biggest group of linked
  // organisations) opens on those, at a readable zoom, centred on them.
  function openingView() {
    var ids = shown.getIds();
    var focus = data.openOn.filter(function (id) { return shown.get(id); });
    network.fit(focus.length ? { nodes: focus, animation: false } : { animation: false });
    var scale = readableScale(ids);
    if (network.getScale() > 1) network.moveTo({ scale: 1, animation: false });  // a few boxes: not blown up
    if (!ids.length || network.getScale() >= scale) return;
    if (focus.length) {  // centred on the middle one of them each way: where most of them are
      var at = network.getPositions(focus), xs = [], ys = [];
      focus.forEach(function (id) { xs.push(at[id].x); ys.push(at[id].y); });
      var mid = function (v) { v.sort(function (a, b) { return a - b; }); return v[Math.floor(v.length / 2)]; };
      network.moveTo({ position: { x: mid(xs), y: mid(ys) }, scale: scale, animation: false });
      return;
    }
    var left = Infinity, top = Infinity;
    ids.forEach(function (id) {
      var box = network.getBoundingBox(id);
      if (box) { left = Math.min(left, box.left); top = Math.min(top, box.top); }
    });
    if (!regional && data.columns.length) top = Math.min(top, headingsTop() - 30);
    showFrom(left, top, scale);
  }


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

