/* Sortable incident tables for the Casework report.
   Loaded as a file (never inline) so the report works under a CSP of script-src 'self'.
   Each header button sorts its column; cells may carry data-sort with a sortable value. */
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    var value = cell.getAttribute("data-sort");
    return value === null ? cell.textContent.trim() : value;
  }

  function compare(a, b, numeric) {
    if (numeric) {
      var x = a === "" ? -Infinity : Number(a);
      var y = b === "" ? -Infinity : Number(b);
      return x - y;
    }
    return a.localeCompare(b);
  }

  function sortBy(table, header, index) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var numeric = header.getAttribute("data-type") === "number";
    rows.sort(function (r1, r2) {
      var order = compare(cellValue(r1, index), cellValue(r2, index), numeric);
      return ascending ? order : -order;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function enable(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = th.querySelector("button");
      if (button) {
        button.addEventListener("click", function () { sortBy(table, th, index); });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), enable);
  });
}());
