// The staff admin: gives a name to the form controls Django's admin leaves unlabelled.
// - select2 (autocomplete fields) draws its own search box with no label: it gets the label of
//   the field it stands for.
// - Tabular inlines label their columns in the table head only: each cell's control gets the
//   column's name (and the row number) so a screen reader says what it is.
(function () {
  "use strict";

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").replace(/:$/, "").trim() : "";
  }

  function hasName(control) {
    if (control.getAttribute("aria-label") || control.getAttribute("aria-labelledby")) {
      return true;
    }
    return Boolean(control.id && document.querySelector("label[for='" + control.id + "']"));
  }

  function labelSelect2() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = text(document.querySelector("label[for='" + select.id + "']"));
      var container = select.nextElementSibling;
      if (!label || !container || !container.classList.contains("select2")) {
        return;
      }
      container.querySelectorAll(".select2-search__field, [role='combobox']").forEach(function (box) {
        if (!box.getAttribute("aria-label")) {
          box.setAttribute("aria-label", label);
        }
      });
    });
  }

  function labelTabularInlines() {
    document.querySelectorAll(".tabular table").forEach(function (table) {
      var headings = {};
      table.querySelectorAll("thead th").forEach(function (th) {
        th.classList.forEach(function (name) {
          if (name.indexOf("column-") === 0) {
            headings[name.slice(7)] = text(th);
          }
        });
      });
      var deleteHeading = text(table.querySelector("thead th:last-child"));
      table.querySelectorAll("tbody tr.form-row").forEach(function (row, index) {
        row.querySelectorAll("td").forEach(function (cell) {
          var field = "";
          cell.classList.forEach(function (name) {
            if (name.indexOf("field-") === 0) {
              field = name.slice(6);
            }
          });
          var heading = field ? headings[field] : cell.classList.contains("delete") ? deleteHeading : "";
          if (!heading) {
            return;
          }
          cell.querySelectorAll("input:not([type='hidden']), select, textarea").forEach(function (control) {
            if (!hasName(control)) {
              control.setAttribute("aria-label", heading + " (" + (index + 1) + ")");
            }
          });
        });
      });
    });
  }

  function run() {
    labelSelect2();
    labelTabularInlines();
  }

  // select2 is started by the admin's own scripts when the page has loaded, and again for each
  // inline row added; label after them.
  window.addEventListener("load", function () {
    window.setTimeout(run, 0);
  });
  document.addEventListener("formset:added", function () {
    window.setTimeout(run, 0);
  });
})();
