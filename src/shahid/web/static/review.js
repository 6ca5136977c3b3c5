// Review forms: a selection of words in a .rv-text block becomes a span (start, end, text) in the
// forms of its section; the place finder fills a correction's value with a gazetteer id.
// Offsets are Unicode code points into the stored document (Python str indices), like every span.
(function () {
  "use strict";
  function cp(s) { return Array.from(s).length; }

  function selectionIn(block) {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return null; }
    var range = sel.getRangeAt(0);
    if (!block.contains(range.startContainer) || !block.contains(range.endContainer)) { return null; }
    var before = document.createRange();
    before.selectNodeContents(block);
    before.setEnd(range.startContainer, range.startOffset);
    var words = range.toString();
    var start = parseInt(block.dataset.start || "0", 10) + cp(before.toString());
    return { start: start, end: start + cp(words), text: words };
  }

  function fill(section, span) {
    section.querySelectorAll(".rv-start").forEach(function (el) { el.value = span ? span.start : ""; });
    section.querySelectorAll(".rv-end").forEach(function (el) { el.value = span ? span.end : ""; });
    section.querySelectorAll(".rv-words").forEach(function (el) { el.value = span ? span.text : ""; });
    section.querySelectorAll(".rv-selected").forEach(function (el) { el.textContent = span ? span.text : ""; });
  }

  document.addEventListener("selectionchange", function () {
    document.querySelectorAll("section.review").forEach(function (section) {
      var block = section.querySelector(".rv-text");
      if (!block) { return; }
      var span = selectionIn(block);
      if (span) { fill(section, span); }
    });
  });

  document.querySelectorAll(".rv-correct").forEach(function (form) {
    var q = form.querySelector(".rv-place-q"), pick = form.querySelector(".rv-place-pick");
    var value = form.querySelector(".rv-value");
    if (!q || !pick || !value) { return; }
    var timer = null;
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch("/review/places.json?q=" + encodeURIComponent(q.value), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            pick.textContent = "";
            data.places.forEach(function (p) {
              var o = document.createElement("option");
              o.value = p.place_id;
              o.textContent = p.name + " · " + (p.admin1 || "?") + " · " + p.precision + " · " + p.place_id;
              pick.appendChild(o);
            });
            if (data.places.length) { value.value = data.places[0].place_id; }
          });
      }, 250);
    });
    pick.addEventListener("change", function () { value.value = pick.value; });
  });
})();
