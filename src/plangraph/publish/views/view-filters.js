// plangraph view page, part of one script: html.py joins view.js and the view-*.js files, in
// its SCRIPTS order, inside one function, so each file's names are every file's.
// The legend, the filters, the colour switch and the count.
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
  // A filter: a list of checkboxes, with "All" and "None" (which tick or untick the entries
  // listed) and, past data.narrowFrom entries, a box that narrows the list to the entries holding
  // its words. tick(i, on) records an entry's state; the view is refreshed once for each change.
  function filterList(section, entries, tick) {
    var box = document.getElementById(section);
    var heading = box.querySelector("h2");
    box.hidden = false;
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", heading.id);
    var tools = el("div", null, "filter-tools");
    var rows = [];
    function button(text, value) {
      var b = el("button", text);
      b.type = "button";
      b.setAttribute("aria-describedby", heading.id);
      b.addEventListener("click", function () {
        rows.forEach(function (row) {
          if (row.label.hidden || row.input.checked === value) return;
          row.input.checked = value;
          tick(row.index, value);
        });
        refresh();
      });
      tools.appendChild(b);
    }
    button("All", true);
    button("None", false);
    box.appendChild(tools);
    var list = el("div", null, "filter-list");
    if (entries.length > data.narrowFrom) {
      var narrow = document.createElement("input");
      narrow.type = "search";
      narrow.placeholder = "narrow the list";
      narrow.setAttribute("aria-label", "Narrow the list: " + heading.textContent);
      narrow.className = "narrow";
      narrow.addEventListener("input", function () {
        var q = narrow.value.trim().toLowerCase();
        rows.forEach(function (row) { row.label.hidden = q !== "" && row.text.indexOf(q) < 0; });
      });
      box.appendChild(narrow);
      list.classList.add("long");
    }
    var under = null;
    entries.forEach(function (entry, i) {
      if (entry.plan && entry.plan !== under) {  // a plan's priorities under its name
        under = entry.plan;
        list.appendChild(el("div", planLabel[under] || under, "filter-sub"));
      }
      var input = checkbox(list, entry.label, true, entry.colour, entry.shape, function (value) { tick(i, value); refresh(); });
      rows.push({ index: i, input: input, label: input.parentNode, text: String(entry.label).toLowerCase() });
    });
    box.appendChild(list);
  }
  filterList("legend-types", data.kinds, function (i, value) { on.kinds[data.kinds[i].key] = value; });
  filterList("legend-plans", data.plans, function (i, value) { on.plans[data.plans[i].key] = value; });
  // the filters' titles name what they list: priorities or headings; organisations, posts, teams
  document.getElementById("filter-priorities-h").textContent = data.priorityTitle;
  document.getElementById("filter-leads-h").textContent = data.leadTitle;
  if (data.priorities.length) filterList("filter-priorities", data.priorities, function (i, value) { on.priorities[i] = value; });
  if (data.leadOrgs.length) {
    var leadEntries = data.leadOrgs.slice();
    var unled = data.nodes.some(function (n) { return n.leads && !n.leads.length; });
    if (unled) leadEntries.push({ label: data.noLead });
    filterList("filter-leads", leadEntries, function (i, value) {
      if (i < data.leadOrgs.length) on.leads[i] = value; else on.noLead = value;
    });
  }
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
    fillNodeList();  // view-keys.js
    fillTables();  // view-table.js: when they are open
  }

  // Column headings, drawn on the canvas above the top node of each column (above each open
