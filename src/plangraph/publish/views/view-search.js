// plangraph view page, part of one script: html.py joins view.js and the view-*.js files, in
// its SCRIPTS order, inside one function, so each file's names are every file's.
// The search box.
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

