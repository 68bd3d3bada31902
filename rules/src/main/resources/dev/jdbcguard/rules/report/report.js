// Sorting by column, filtering, and the "showing n of m" lines. The rows are all in the HTML already: without this
// script the report reads the same, unsorted and unfiltered.
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) {
      return "";
    }
    var sort = cell.getAttribute("data-sort");
    var text = sort !== null ? sort : cell.textContent.trim();
    var number = Number(text);
    return text !== "" && !isNaN(number) ? number : text.toLowerCase();
  }

  function status(table) {
    var rows = table.tBodies[0].rows;
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      if (!rows[i].hidden) {
        shown++;
      }
    }
    var line = document.getElementById(table.id + "-status");
    if (line) {
      line.textContent = "showing " + shown + " of " + rows.length + " rows";
    }
  }

  function sortBy(table, header, index) {
    var descending = header.getAttribute("aria-sort") !== "descending";
    var headers = table.tHead.rows[0].cells;
    for (var h = 0; h < headers.length; h++) {
      headers[h].removeAttribute("aria-sort");
    }
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index);
      var y = cellValue(b, index);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.tHead.rows[0].cells;
    for (var i = 0; i < headers.length; i++) {
      (function (header, index) {
        header.addEventListener("click", function () { sortBy(table, header, index); });
      })(headers[i], i);
    }
    status(table);
  });

  document.querySelectorAll("input.filter").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    input.addEventListener("input", function () {
      var needle = input.value.toLowerCase();
      var rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        rows[i].hidden = needle !== "" && rows[i].textContent.toLowerCase().indexOf(needle) < 0;
      }
      status(table);
    });
  });
})();
