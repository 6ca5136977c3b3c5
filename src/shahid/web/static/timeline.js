/* Shahid explorer: the timeline of the filtered incidents (uPlot, vendored).
 *
 * <div id="timeline" data-src="/timeline.json?event=shelling"></div>
 *
 * data-src returns the days of shahid.link.query.timeline: a list (or {"days": [...]}) of
 * {day: "YYYY-MM-DD", incidents, killed_low, killed_best, killed_high}. Drawn: incidents per day
 * as bars (left axis) and the killed figures as a low–high band around the best line (right axis);
 * days without incidents between the first and the last are drawn as zero. A span of more than
 * 180 days is drawn per week (from Monday), more than three years per month (data-bin says which). A one-line summary
 * under the chart says the same in words. Dragging across the chart opens the same page with
 * since/until set to the dragged days. When done, #timeline gets data-days (days with incidents)
 * and data-state="ready" (or "error").
 */
(function () {
  "use strict";

  var DAY = 86400;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function num(v) {
    return typeof v === "number" && isFinite(v) ? v : 0;
  }

  function dayToUnix(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(s || ""));
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 1000 : null;
  }

  // the bin of a day: the day itself, its week (from Monday) or its month, after the span shown
  function binner(span) {
    if (span <= 180 * DAY) return { name: "day", start: function (t) { return t; }, next: function (t) { return t + DAY; } };
    if (span <= 3 * 365 * DAY) {
      return {
        name: "week",
        start: function (t) { return t - ((new Date(t * 1000).getUTCDay() + 6) % 7) * DAY; },
        next: function (t) { return t + 7 * DAY; }
      };
    }
    return {
      name: "month",
      start: function (t) { var d = new Date(t * 1000); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000; },
      next: function (t) { var d = new Date(t * 1000); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000; }
    };
  }

  // dense columns from the first bin to the last (empty bins are zero); null when no day parses
  function columns(rows) {
    var ts = rows.map(function (r) { return dayToUnix(r.day); }).filter(function (t) { return t !== null; });
    if (!ts.length) return null;
    var lo = Math.min.apply(null, ts);
    var hi = Math.max.apply(null, ts);
    var bin = binner(hi - lo);
    var acc = {};
    rows.forEach(function (r) {
      var t = dayToUnix(r.day);
      if (t === null) return;
      var k = bin.start(t);
      var a = acc[k] || (acc[k] = [0, 0, 0, 0]);
      a[0] += num(r.incidents);
      a[1] += num(r.killed_low);
      a[2] += num(r.killed_best);
      a[3] += num(r.killed_high);
    });
    var xs = [], inc = [], low = [], best = [], high = [];
    for (var t = bin.start(lo); t <= hi; t = bin.next(t)) {
      var a = acc[t] || [0, 0, 0, 0];
      xs.push(t);
      inc.push(a[0]);
      low.push(a[1]);
      best.push(a[2]);
      high.push(a[3]);
    }
    return { bin: bin.name, data: [xs, inc, low, best, high] };
  }

  function summary(rows) {
    var n = 0, low = 0, best = 0, high = 0;
    rows.forEach(function (r) {
      n += num(r.incidents);
      low += num(r.killed_low);
      best += num(r.killed_best);
      high += num(r.killed_high);
    });
    var first = rows.length ? rows[0].day : "";
    var last = rows.length ? rows[rows.length - 1].day : "";
    return n + " dated incident" + (n === 1 ? "" : "s") + " on " + rows.length + " day" + (rows.length === 1 ? "" : "s") +
      (first ? " (" + first + (last !== first ? " to " + last : "") + ")" : "") +
      "; killed: best " + best + ", low " + low + ", high " + high + ".";
  }

  function isoDay(t) {
    return new Date(Math.floor(t / DAY) * DAY * 1000).toISOString().slice(0, 10);
  }

  // the page's own URL with since/until set to the dragged span (and the first page of the list)
  function narrow(u) {
    if (!u.select || u.select.width < 5) return;
    var a = u.posToVal(u.select.left, "x");
    var b = u.posToVal(u.select.left + u.select.width, "x");
    if (!isFinite(a) || !isFinite(b)) return;
    var url = new URL(window.location.href);
    url.searchParams.set("since", isoDay(Math.min(a, b)));
    url.searchParams.set("until", isoDay(Math.max(a, b)));
    url.searchParams.delete("page");
    window.location.assign(url.pathname + url.search);
  }

  function draw(node, data) {
    var rows = Array.isArray(data) ? data : (data && (data.days || data.timeline || data.items)) || [];
    rows = rows.filter(function (r) { return r && dayToUnix(r.day) !== null; });
    rows.sort(function (a, b) { return a.day < b.day ? -1 : a.day > b.day ? 1 : 0; });
    var cols = columns(rows);
    node.textContent = "";
    if (!cols) {
      node.appendChild(el("p", "shahid-timeline-empty", "No dated incidents in this selection."));
      node.setAttribute("data-days", "0");
      node.setAttribute("data-state", "ready");
      return;
    }
    var chart = el("div", "shahid-timeline-chart");
    node.appendChild(chart);
    var width = Math.max(320, node.clientWidth || 800);
    var opts = {
      width: width,
      height: 220,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); },
      // a drag across the chart narrows the page to those dates (no zoom: the list follows)
      cursor: { drag: { x: true, y: false, setScale: false, dist: 5 } },
      hooks: { setSelect: [narrow] },
      scales: { x: { time: true }, n: { range: function (u, min, max) { return [0, Math.max(1, max)]; } },
        k: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      series: [
        { label: cols.bin, value: cols.bin === "month" ? "{YYYY}-{MM}" : "{YYYY}-{MM}-{DD}" },
        { label: "incidents per " + cols.bin, scale: "n", fill: "rgba(56,108,176,0.55)", stroke: "#386cb0", width: 0,
          paths: uPlot.paths.bars({ size: [0.8, 24], align: 0 }), points: { show: false } },
        { label: "killed low", scale: "k", stroke: "rgba(214,39,40,0.45)", width: 1, dash: [4, 3],
          points: { show: false } },
        { label: "killed best", scale: "k", stroke: "#d62728", width: 2, points: { show: false } },
        { label: "killed high", scale: "k", stroke: "rgba(214,39,40,0.45)", width: 1, dash: [4, 3],
          points: { show: false } }
      ],
      bands: [{ series: [4, 2], fill: "rgba(214,39,40,0.15)" }],
      axes: [
        {},
        { scale: "n", label: "incidents", size: 50 },
        { scale: "k", label: "killed", side: 1, size: 60, grid: { show: false } }
      ]
    };
    var plot = new uPlot(opts, cols.data, chart);
    node.appendChild(el("p", "shahid-timeline-summary", summary(rows)));
    node.appendChild(el("p", "shahid-timeline-hint", "Drag across the chart to narrow the list to those dates."));
    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        plot.setSize({ width: Math.max(320, node.clientWidth || width), height: 220 });
      }, 150);
    });
    node.setAttribute("data-days", String(rows.length));
    node.setAttribute("data-bin", cols.bin);
    node.setAttribute("data-state", "ready");
  }

  function start() {
    var node = document.getElementById("timeline");
    if (!node || !window.uPlot) return;
    var src = node.getAttribute("data-src");
    if (!src) return;
    node.setAttribute("data-state", "loading");
    fetch(src, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error(src + ": HTTP " + r.status);
        return r.json();
      })
      .then(function (data) { draw(node, data); })
      .catch(function (err) {
        node.setAttribute("data-state", "error");
        node.appendChild(el("p", "shahid-timeline-error", "The timeline could not be drawn: " +
          (err && err.message ? err.message : err)));
        if (window.console) console.error(err);
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
