// plangraph view page, part of one script: html.py joins view.js and the view-*.js files, in
// its SCRIPTS order, inside one function, so each file's names are every file's.
// Start: the first drawing, and what tests and the benchmark read.
  if (pictured) {
    document.getElementById("notes").appendChild(el("li", "Its " + data.edges.length.toLocaleString("en-GB") +
      " lines are drawn as one picture; click a node to pick out its own lines and hover them."));
  }
  if (regional) rearrange(); else refresh();
  if (least) paint();  // the organisations with no line shown, greyed (view-strongest.js)
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
        startNodeList();  // after the first drawing, not before it
      });
    });
  });
  network.redraw();
