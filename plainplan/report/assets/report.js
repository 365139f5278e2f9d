// plainplan HTML report: filters by category and severity, and linking marks to notes.
// No network, no libraries: the report must open from a USB stick on a locked-down laptop.
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".filters input[type=checkbox]"));
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-category][data-severity]"));
  var shown = document.querySelector(".filters .shown");

  function apply() {
    var off = {};
    boxes.forEach(function (box) { if (!box.checked) off[box.name + ":" + box.value] = true; });
    var visible = 0, total = 0;
    items.forEach(function (el) {
      var hide = off["category:" + el.dataset.category] || off["severity:" + el.dataset.severity];
      el.classList.toggle("filtered", !!hide);
      if (el.classList.contains("note") || el.classList.contains("doc-finding")) {
        total += 1;
        if (!hide) visible += 1;
      }
    });
    if (shown) shown.textContent = "showing " + visible + " of " + total + " findings";
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });

  // The mark and note last clicked stay outlined until the next click, so a reader
  // can find their place again after scrolling.
  function flash(el) {
    if (!el) return;
    Array.prototype.forEach.call(document.querySelectorAll(".current"), function (old) {
      old.classList.remove("current");
    });
    el.classList.add("current");
    el.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("mark[data-finding]");
    if (mark && !mark.classList.contains("filtered")) flash(document.getElementById(mark.dataset.finding));
    var note = event.target.closest && event.target.closest(".note[id]");
    if (note) flash(document.querySelector("mark.hl[data-finding='" + note.id + "']"));
  });
  apply();
})();
