// Casework web app: small progressive enhancements only; every page works without it.
// Loaded as a file (the Content-Security-Policy forbids inline scripts).
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // Focus the first field that failed validation, so the message is read first.
  var invalid = document.querySelector("[aria-invalid='true']");
  if (invalid) {
    invalid.focus();
  }
  // One click, one submission: a double click must not send a decision twice.
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      window.setTimeout(function () {
        form.querySelectorAll("button[type='submit'], input[type='submit']").forEach(function (b) {
          b.disabled = true;
        });
      }, 0);
    });
  });
});

// Review queue: keyboard shortcuts (j/k move, x select, a accept, r reject, Enter open) and "select all".
// The focused row is announced by moving focus to its link, so screen readers read it.
document.addEventListener("DOMContentLoaded", function () {
  var table = document.querySelector("table.review-table");
  if (!table) {
    return;
  }
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  var all = document.getElementById("select-all");
  if (all) {
    all.addEventListener("change", function () {
      rows.forEach(function (row) {
        var box = row.querySelector("input[type='checkbox'][name='mention']");
        if (box) {
          box.checked = all.checked;
        }
      });
    });
  }
  var current = -1;
  function focusRow(index) {
    if (index < 0 || index >= rows.length) {
      return;
    }
    if (current >= 0) {
      rows[current].classList.remove("current");
    }
    current = index;
    rows[current].classList.add("current");
    var link = rows[current].querySelector("a.open-mention");
    if (link) {
      link.focus();
    }
  }
  function press(selector) {
    if (current < 0) {
      return;
    }
    var button = rows[current].querySelector(selector);
    if (button) {
      button.click();
    }
  }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (target && (target.tagName === "INPUT" && target.type !== "checkbox" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) {
      return;
    }
    if (event.key === "j") {
      focusRow(current + 1);
    } else if (event.key === "k") {
      focusRow(Math.max(0, current - 1));
    } else if (event.key === "x") {
      if (current >= 0) {
        var box = rows[current].querySelector("input[type='checkbox'][name='mention']");
        if (box) {
          box.checked = !box.checked;
        }
      }
    } else if (event.key === "a") {
      press("button.accept");
    } else if (event.key === "r") {
      press("button.reject");
    } else {
      return;
    }
    event.preventDefault();
  });
});

// Long actions (extraction, linkage, reports): say that work is going on while the server works.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var status = document.getElementById("busy-status");
      if (status) {
        status.textContent = form.getAttribute("data-busy");
      }
      form.setAttribute("aria-busy", "true");
    });
  });
});
