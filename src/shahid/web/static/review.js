// Review forms: a selection of words in a .rv-text block becomes a span (start, end, text) in the
// forms of its section; the place finder fills a correction's value with a gazetteer id.
// Offsets are Unicode code points into the stored document (Python str indices), like every span.
// A character the page cannot hold as it is (a CR, a bidi control) is a .rv-cp element with its
// code point in data-cp (templates/_review_text.html): it counts as that one character.
(function () {
  "use strict";
  function cp(s) { return Array.from(s).length; }

  // the stored text of a range: each .rv-cp element read as its own character
  function stored(range) {
    var frag = range.cloneContents();
    frag.querySelectorAll(".rv-cp").forEach(function (el) {
      el.replaceWith(document.createTextNode(String.fromCodePoint(parseInt(el.dataset.cp, 16))));
    });
    return frag.textContent;
  }

  function marker(node, block) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    el = el && el.closest(".rv-cp");
    return el && block.contains(el) ? el : null;
  }

  function selectionIn(block) {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return null; }
    var range = sel.getRangeAt(0).cloneRange();
    if (!block.contains(range.startContainer) || !block.contains(range.endContainer)) { return null; }
    var m = marker(range.startContainer, block);  // a selection from inside a marker takes it whole
    if (m) { range.setStartBefore(m); }
    m = marker(range.endContainer, block);
    if (m) { range.setEndAfter(m); }
    var before = document.createRange();
    before.selectNodeContents(block);
    before.setEnd(range.startContainer, range.startOffset);
    var words = stored(range);
    var start = parseInt(block.dataset.start || "0", 10) + cp(stored(before));
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
