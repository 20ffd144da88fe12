// plangraph view page, part of one script: html.py joins view.js and the view-*.js files, in
// its SCRIPTS order, inside one function, so each file's names are every file's.
// The view as tables, in place of the picture: the nodes shown (name, kind, plans) and the links
// between them (from, kind of link, to), as the filters leave them. Every cell is text.
  var TABLE_ROWS = 5000;  // rows a table lists at most (across-plans at 300 plans has 18,000 lines)
  var tablesOpen = false;
  var tableButton = document.getElementById("show-table");
  var tables = document.getElementById("tables");
  var linkLabel = {};
  data.edgeKinds.forEach(function (k) { linkLabel[k.key] = k.label; });
  function table(caption, headings, rows, total) {
    var t = el("table");
    t.appendChild(el("caption", caption + " (" + total.toLocaleString("en-GB") + ")" +
      (total > rows.length ? ": the first " + rows.length.toLocaleString("en-GB") + " listed" : "")));
    var head = el("thead"), top = el("tr");
    headings.forEach(function (h) {
      var th = el("th", h);
      th.scope = "col";
      top.appendChild(th);
    });
    head.appendChild(top);
    t.appendChild(head);
    var body = el("tbody");
    rows.forEach(function (cells) {
      var tr = el("tr");
      cells.forEach(function (text, i) {
        var cell = el(i ? "td" : "th", text);
        if (!i) cell.scope = "row";
        tr.appendChild(cell);
      });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }
  function kindOf(n) {
    var kind = kindLabel[n.kind] || n.kind;
    return n.isGroup ? "Group of " + kind.toLowerCase() + "s" : kind;
  }
  function fillTables() {
    if (!tablesOpen) return;
    var list = shownInOrder();
    var nodeRows = list.slice(0, TABLE_ROWS).map(function (n) { return [nameOf(n), kindOf(n), planNames(n)]; });
    var between = data.edges.filter(function (e) { return drawnNow[e.from] && drawnNow[e.to]; });
    var links = between.filter(lineShown);
    var linkRows = links.slice(0, TABLE_ROWS).map(function (e) {
      var row = [nameOf(byId[e.from]), linkLabel[e.kind] || e.kind, nameOf(byId[e.to])];
      if (least) row.push(String(e.shared));
      return row;
    });
    var body = document.getElementById("tables-body");
    body.textContent = "";
    body.appendChild(table("Nodes shown", ["Name", "Kind", "Plans"], nodeRows, list.length));
    if (least) {  // the partnerships: what "strongest links" hides, and the organisations it greys
      var pale = list.filter(faint).length;
      body.appendChild(el("p", (between.length - links.length).toLocaleString("en-GB") + " links sharing fewer than " +
        least + " item" + (least > 1 ? "s" : "") + " are hidden by \u201cStrongest links\u201d; " +
        pale.toLocaleString("en-GB") + " of the " + list.length.toLocaleString("en-GB") +
        " organisations listed have no link shown (greyed in the picture).", "hidden-links"));
    }
    body.appendChild(table("Links between the nodes shown", ["From", "Link", "To"].concat(least ? ["Shared items"] : []),
                           linkRows, links.length));
    if (regional) body.appendChild(el("p", "A plan's nodes are listed once it is opened (Enter on its box in the Nodes list)."));
  }
  tableButton.addEventListener("click", function () {
    tablesOpen = !tablesOpen;
    tables.hidden = !tablesOpen;
    tableButton.textContent = tablesOpen ? "Show as a picture" : "Show as a table";
    fillTables();
  });
