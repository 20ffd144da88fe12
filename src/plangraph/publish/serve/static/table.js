// plangraph serve: every table.sortable sorts by a column when its heading (a button) is pressed,
// numbers as numbers, words as words; pressed again, the other way round.
"use strict";
(function () {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function cellText(row, index) {
    const cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function compare(a, b) {
    const x = Number(a), y = Number(b);
    if (a !== "" && b !== "" && !Number.isNaN(x) && !Number.isNaN(y)) return x - y;
    return collator.compare(a, b);
  }

  function sortBy(table, index, header) {
    const body = table.tBodies[0];
    if (!body) return;
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    const rows = Array.from(body.rows);
    rows.sort((r, s) => compare(cellText(r, index), cellText(s, index)) * (ascending ? 1 : -1));
    for (const th of table.tHead.rows[0].cells) th.removeAttribute("aria-sort");
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    body.append(...rows);
  }

  function prepare(table) {
    if (!table.tHead) return;
    Array.from(table.tHead.rows[0].cells).forEach((th, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      button.title = "Sort by " + th.textContent;
      button.addEventListener("click", () => sortBy(table, index, th));
      th.textContent = "";
      th.append(button);
    });
  }

  window.plangraphSortable = prepare;  // for tables drawn later (the query editor's)
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("table.sortable").forEach(prepare);
  });
})();
