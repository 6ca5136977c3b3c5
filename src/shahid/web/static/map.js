/* Shahid explorer: the incidents map (Leaflet + Leaflet.markercluster, vendored; no tiles, no network).
 *
 * <div id="map" data-geojson="/incidents.geojson?event=shelling"></div>
 *
 * Draws the governorate polygons (static/boundaries.geojson, beside this script) and the incidents
 * of the data-geojson FeatureCollection (same origin): a circle per incident sized by its best
 * killed figure and coloured by event (legend), clustered at low zoom; a click opens the incident's
 * page (properties.url, a path on this site). Everything from the data is put into the page as
 * text (textContent / Leaflet options), never as HTML. When done, #map gets data-points (circles
 * drawn) and data-state="ready" (or "error"), and its shahidMap property is the Leaflet map. The
 * cluster layer keeps only what is in view in the page.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var BOUNDARIES = new URL("boundaries.geojson", script ? script.src : window.location.href).href;

  // one colour per event type (ColorBrewer-like, distinguishable on the pale base layer)
  var COLOURS = {
    airstrike: "#d62728",
    shelling: "#ff7f0e",
    bombing: "#8c564b",
    attack: "#e377c2",
    killing: "#7b2d8e",
    execution: "#3b0f3f",
    torture: "#bcbd22",
    sexual_violence: "#9e0142",
    casualties_found: "#525252",
    detention: "#1f77b4",
    forced_recruitment: "#17becf",
    siege: "#2ca02c",
    displacement: "#66a61e",
    territory_change: "#e6ab02",
    protest: "#386cb0",
    agreement: "#7f7f7f"
  };
  var SPARE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#a6761d", "#666666"];

  function colour(event) {
    if (Object.prototype.hasOwnProperty.call(COLOURS, event)) return COLOURS[event];
    var h = 0;
    var s = String(event || "");
    for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
    return SPARE[h % SPARE.length];
  }

  function radius(best) {
    if (typeof best !== "number" || !(best > 0)) return 5;
    return Math.min(28, 5 + 3 * Math.sqrt(best));
  }

  function label(s) {
    return String(s || "").replace(/_/g, " ");
  }

  // a link target from the data: only a path on this site ("/…", not "//host")
  function localPath(url) {
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" && url.charAt(1) !== "\\";
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function tooltip(p) {
    var box = el("div", "shahid-tip");
    var place = el("div", "shahid-tip-place", p.place || "(no place)");
    place.setAttribute("dir", "auto");
    box.appendChild(place);
    var line = [label(p.event), p.date || "undated"];
    if (typeof p.best === "number") line.push(p.best + " killed (best)");
    box.appendChild(el("div", null, line.join(" · ")));
    if (p.grade) box.appendChild(el("div", "shahid-tip-grade", label(p.grade)));
    return box;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json, application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error(url + ": HTTP " + r.status);
        return r.json();
      });
  }

  // clusters in one neutral colour (the default green/yellow/orange would read as event colours)
  function clusterIcon(c) {
    var n = c.getChildCount();
    var size = n < 10 ? 30 : n < 100 ? 36 : 44;
    var box = el("div");
    box.appendChild(el("span", null, n));
    return L.divIcon({ html: box, className: "marker-cluster shahid-cluster", iconSize: L.point(size, size) });
  }

  // the view: the incidents in and around Syria (far-away ones stay drawn, outside the view),
  // all of them when none is near
  function fit(map, base, pts) {
    var near = base.getBounds().pad(0.5);
    var core = L.latLngBounds([]);
    var all = L.latLngBounds([]);
    pts.cluster.getLayers().forEach(function (m) {
      var ll = m.getLatLng();
      all.extend(ll);
      if (near.contains(ll)) core.extend(ll);
    });
    var b = core.isValid() ? core : all;
    if (!b.isValid()) {
      map.fitBounds(base.getBounds());
    } else if (b.getNorthEast().equals(b.getSouthWest())) {
      map.setView(b.getCenter(), 8);
    } else {
      map.fitBounds(b.pad(0.1), { maxZoom: 10 });
    }
  }

  function legend(map, counts) {
    var events = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
    if (!events.length) return;
    var ctl = L.control({ position: "bottomright" });
    ctl.onAdd = function () {
      var box = el("div", "shahid-legend leaflet-control");
      box.appendChild(el("div", "shahid-legend-title", "Event"));
      events.forEach(function (ev) {
        var row = el("div", "shahid-legend-row");
        var sw = el("span", "shahid-swatch");
        sw.style.backgroundColor = colour(ev);
        row.appendChild(sw);
        row.appendChild(el("span", null, label(ev) + " (" + counts[ev] + ")"));
        box.appendChild(row);
      });
      box.appendChild(el("div", "shahid-legend-note", "circle area ~ killed (best)"));
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    ctl.addTo(map);
  }

  function summary(map, shown, total) {
    var ctl = L.control({ position: "topright" });
    ctl.onAdd = function () {
      // the GeoJSON holds the incidents with coordinates only (a country or a region has none)
      var text = shown ? shown + " incident" + (shown === 1 ? "" : "s") + " with coordinates on the map" :
        "No incident here has coordinates: nothing to draw";
      if (total > shown) text += " (" + (total - shown) + " without)";
      return el("div", "shahid-summary leaflet-control", text);
    };
    ctl.addTo(map);
  }

  function draw(node) {
    var src = node.getAttribute("data-geojson");
    if (!src) return;
    node.setAttribute("data-state", "loading");
    // no tile layer sets the zoom range: the clusters need a maxZoom
    var map = L.map(node, { zoomSnap: 0.25, minZoom: 4, maxZoom: 15, attributionControl: false });
    // a plain-text prefix: Leaflet's default links to its website (nothing here leaves the site)
    map.attributionControl = L.control.attribution({ prefix: "Leaflet" }).addTo(map);
    map.setView([35.0, 38.5], 6);

    // the governorates in a pane of their own under the incidents' (overlayPane, z-index 400),
    // whichever of the two files arrives first
    map.createPane("governorates").style.zIndex = 350;

    var base = fetchJson(BOUNDARIES).then(function (fc) {
      var layer = L.geoJSON(fc, {
        pane: "governorates",
        interactive: true,
        style: function () {
          return { color: "#6b7b8c", weight: 1, fillColor: "#dde4ea", fillOpacity: 0.6, className: "shahid-governorate" };
        },
        onEachFeature: function (f, lyr) {
          var p = f.properties || {};
          var tip = el("div", null);
          tip.appendChild(el("span", null, p.ADM1_EN || ""));
          if (p.ADM1_AR) {
            tip.appendChild(document.createTextNode(" · "));
            var ar = el("span", null, p.ADM1_AR);
            ar.setAttribute("lang", "ar");
            ar.setAttribute("dir", "rtl");
            tip.appendChild(ar);
          }
          lyr.bindTooltip(tip, { sticky: true, className: "shahid-governorate-tip" });
        }
      }).addTo(map);
      if (fc.attribution) map.attributionControl.addAttribution(escapeHtml(fc.attribution));
      return layer;
    });

    var points = fetchJson(src).then(function (fc) {
      var features = (fc && fc.features) || [];
      var cluster = L.markerClusterGroup({
        showCoverageOnHover: false,
        maxClusterRadius: 40,
        disableClusteringAtZoom: 10,
        spiderfyOnMaxZoom: true,
        iconCreateFunction: clusterIcon
      });
      var counts = {};
      var shown = 0;
      features.forEach(function (f) {
        var g = f.geometry;
        if (!g || g.type !== "Point" || !g.coordinates || g.coordinates.length < 2) return;
        var lon = Number(g.coordinates[0]);
        var lat = Number(g.coordinates[1]);
        if (!isFinite(lat) || !isFinite(lon)) return;
        var p = f.properties || {};
        var m = L.circleMarker([lat, lon], {
          radius: radius(p.best),
          color: "#222",
          weight: 1,
          fillColor: colour(p.event),
          fillOpacity: 0.75,
          className: "shahid-point"
        });
        m.bindTooltip(tooltip(p), { direction: "top" });
        if (localPath(p.url)) {
          m.on("click", function () { window.location.assign(p.url); });
        }
        cluster.addLayer(m);
        counts[p.event] = (counts[p.event] || 0) + 1;
        shown += 1;
      });
      map.addLayer(cluster);
      legend(map, counts);
      summary(map, shown, features.length);
      return { cluster: cluster, shown: shown };
    });

    Promise.all([base, points]).then(function (res) {
      var pts = res[1];
      fit(map, res[0], pts);
      node.shahidMap = map; // for scripts and tests (a property, not an attribute)
      node.setAttribute("data-points", String(pts.shown));
      node.setAttribute("data-state", "ready");
    }).catch(function (err) {
      node.setAttribute("data-state", "error");
      var msg = el("div", "shahid-map-error", "The map could not be drawn: " + (err && err.message ? err.message : err));
      node.appendChild(msg);
      if (window.console) console.error(err);
    });
  }

  function start() {
    var node = document.getElementById("map");
    if (node && window.L) draw(node);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
