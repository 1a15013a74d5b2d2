// Move focus to the error summary (or a marked element) when a page shows one.
document.addEventListener("DOMContentLoaded", function () {
  var target = document.querySelector("[data-focus]");
  if (target) { target.focus(); }
});
