// The offer generator: print button, and focus kept in place when htmx adds or removes a row.
// Buttons are not named add/remove: a form's named control would hide its remove() method.
document.addEventListener("DOMContentLoaded", function () {
  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
  var pressed = null;
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var name = event.detail.elt && event.detail.elt.getAttribute("name");
    pressed = name === "add_row" || name === "remove_row" ? name : null;
  });
  // The swapped form is new content: htmx:load bubbles from it, unlike events of the old one.
  document.body.addEventListener("htmx:load", function (event) {
    if (!pressed || event.target.id !== "step-form") { return; }
    var rows = document.querySelectorAll("#step-form .row-card");
    var target = pressed === "add_row" && rows.length
      ? rows[rows.length - 1].querySelector("input, select, textarea")
      : document.querySelector("#step-form button[name=add_row]");
    pressed = null;
    if (target) { target.focus(); }
  });
});
