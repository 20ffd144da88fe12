// plangraph view page, part of one script: html.py joins view.js and the view-*.js files, in
// its SCRIPTS order, inside one function, so each file's names are every file's.
// "Strongest links" (the partnerships view): a slider of the least number of items a pair must
// share for its line to show; it opens at data.leastWeight, at most about 300 lines. A view
// filter only: every pair stays in the data, the tables say how many it hides, and an
// organisation left with no line is greyed, not hidden (still counted, listed and searched).
  var strongestBox = document.getElementById("strongest");
  var leastInput = document.getElementById("least");
  var strongestStatus = document.getElementById("strongest-status");
  var pairLines = data.edges.filter(function (e) { return e.shared !== undefined; });
  function items(n) { return n + " item" + (n === 1 ? "" : "s"); }
  function sayStrongest() {
    var showing = pairLines.filter(lineShown).length, pale = 0;
    data.nodes.forEach(function (n) { if (faint(n)) pale += 1; });
    document.getElementById("least-value").textContent = items(least);
    leastInput.setAttribute("aria-valuetext", items(least));
    strongestStatus.textContent = "Showing " + showing.toLocaleString("en-GB") + " of " +
      pairLines.length.toLocaleString("en-GB") + " links. " + pale.toLocaleString("en-GB") + " of " +
      data.nodes.length.toLocaleString("en-GB") + " organisations have no link shown: greyed, still listed and found by search.";
  }
  function setLeast(n) {
    least = Math.max(1, n);
    markLinked();
    if (!pictured) {
      edges.clear();
      edges.add(data.edges.filter(lineShown).map(withEdgeCard));
    } else if (selected !== null) {
      edges.clear();
      edges.add((linksOf[selected] || []).filter(lineShown).map(withEdgeCard));
    }
    sayStrongest();
    refresh();
    paint();
    if (selected !== null) showDetails(selected);
  }
  if (least) {
    var strongestMax = 1;
    pairLines.forEach(function (e) { strongestMax = Math.max(strongestMax, e.shared); });
    leastInput.max = String(strongestMax);
    leastInput.value = String(least);
    strongestBox.hidden = false;
    leastInput.addEventListener("input", function () { setLeast(parseInt(leastInput.value, 10) || 1); });
    sayStrongest();
  }
