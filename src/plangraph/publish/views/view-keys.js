// plangraph view page, part of one script: html.py joins view.js and the view-*.js files, in
// its SCRIPTS order, inside one function, so each file's names are every file's.
// The keyboard's way in: the Nodes list (arrows select a node and pick out its neighbours as a
// click does, Enter goes to it or opens a plan's box), and Escape, which lets go of it.
  var nodeList = document.getElementById("node-list");
  var kindOrder = {};
  data.kinds.forEach(function (k, i) { kindOrder[k.key] = i; });
  function nameOf(n) { return String(n.name || n.label).replace(/\s+/g, " "); }
  // the nodes shown, a group for each kind (the legend's order), each by name
  function shownInOrder() {
    return shown.get().sort(function (a, b) {
      return (kindOrder[a.kind] - kindOrder[b.kind]) || (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0);
    });
  }
  var listFilled = false;  // filled after the first drawing: the page draws first
  function fillNodeList() {
    if (!listFilled) return;
    var all = document.createDocumentFragment(), group = null, kind = null;
    shownInOrder().forEach(function (n) {
      if (n.kind !== kind) {
        kind = n.kind;
        group = document.createElement("optgroup");
        group.label = regional && n.band ? "Plans (Enter opens or closes one)" : (kindLabel[kind] || kind);
        all.appendChild(group);
      }
      var option = el("option", cut(nameOf(n), 90));
      option.value = n.id;
      group.appendChild(option);
    });
    nodeList.textContent = "";
    nodeList.appendChild(all);
    listSelected(selected);
  }
  function listSelected(id) {
    if (!listFilled) return;
    if (id === null) nodeList.selectedIndex = -1;
    else if (nodeList.value !== id) nodeList.value = id;
  }
  function startNodeList() {
    listFilled = true;
    fillNodeList();
  }
  // arrows (or a click) in the list: the node is selected, its neighbours picked out, shown
  nodeList.addEventListener("change", function () {
    var n = byId[nodeList.value];
    if (n && n.id !== selected) focusNode(n);
  });
  nodeList.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var n = byId[nodeList.value];
    if (!n) return;
    event.preventDefault();
    if (n.band) toggleBand(n.band);
    else focusNode(n);
  });
  // Escape lets go of the selected node, wherever the keyboard is
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || selected === null) return;
    select(null);
    network.unselectAll();
  });
