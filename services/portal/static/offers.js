// The offer generator: print button, and focus kept in place when htmx adds or removes a row.
document.addEventListener("DOMContentLoaded", function () {
  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
  var pressed = null;
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var name = event.detail.elt && event.detail.elt.getAttribute("name");
    pressed = name === "add" || name === "remove" ? name : null;
  });
  document.body.addEventListener("htmx:afterSettle", function () {
    if (!pressed) { return; }
    var rows = document.querySelectorAll("#step-form .row-card");
    var target = pressed === "add" && rows.length
      ? rows[rows.length - 1].querySelector("input, select, textarea")
      : document.querySelector("#step-form button[name=add]");
    pressed = null;
    if (target) { target.focus(); }
  });
});
