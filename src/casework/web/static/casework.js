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
