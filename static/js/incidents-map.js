// The incident map: an offline US states outline (or tiles when MAP_TILE_URL is set), approved
// incidents as rank-coloured markers grouped by the server for the viewport in view, and filters
// that refresh map and list in place.
(function () {
  "use strict";
  var el = document.getElementById("incident-map");
  if (!el || !window.L) return;

  var css = getComputedStyle(document.documentElement);
  function rankColour(rank) { return css.getPropertyValue("--rank-" + rank).trim() || "#475467"; }
  var phone = window.matchMedia("(max-width: 40rem)").matches;

  var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.25, worldCopyJump: true, minZoom: 2, maxZoom: 18 });
  var usView = function () { map.setView([38.5, -96], phone ? 2.75 : 4); };

  if (el.dataset.tileUrl) {
    L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution || "", maxZoom: 18 }).addTo(map);
  } else {
    fetch(el.dataset.outline).then(function (r) { return r.json(); }).then(function (outline) {
      L.geoJSON(outline, {
        interactive: false,
        style: { color: "#98a2b3", weight: 1, fillColor: "#eef1f6", fillOpacity: 1 }
      }).addTo(map).bringToBack();
    }).catch(function () { /* the markers still show without the outline */ });
    map.attributionControl.addAttribution("US Census Bureau · us-atlas");
  }

  function marker(latlng, rank) {
    return L.circleMarker(latlng, {
      radius: 7, weight: 1.5, color: "#fff", fillColor: rankColour(rank), fillOpacity: 0.95, rank: rank
    });
  }

  // The incident page: one point.
  if (el.dataset.point) {
    var parts = el.dataset.point.split(",").map(Number);
    map.setView(parts, 6);
    marker(parts, el.dataset.rank).addTo(map);
    return;
  }

  usView();
  // The server groups the incidents in view into screen cells (incidents:clusters): the page
  // never holds more markers than the viewport has cells, however many incidents match.
  var layer = L.layerGroup().addTo(map);
  var query = location.search.replace(/^\?/, "");
  var asked = 0;

  function itemBox(items, count) {
    var box = document.createElement("div");
    items.forEach(function (props) {
      var link = document.createElement("a");
      link.href = props.url;
      link.textContent = props.title;
      link.className = "popup-title";
      box.appendChild(link);
      var meta = document.createElement("div");
      meta.className = "small";
      meta.textContent = [props.rank + " · " + props.rank_label, props.date, props.place].filter(Boolean).join(" · ");
      box.appendChild(meta);
    });
    if (count > items.length) {
      var more = document.createElement("div");
      more.className = "small popup-more";
      more.textContent = el.dataset.moreLabel.replace("%(count)s", String(count - items.length));
      box.appendChild(more);
    }
    return box;
  }

  function clusterMarker(f) {
    var p = f.properties, c = f.geometry.coordinates, latlng = [c[1], c[0]];
    if (p.count === 1 && p.items) {
      return marker(latlng, p.rank).bindPopup(itemBox(p.items, 1));
    }
    var size = p.count < 10 ? 30 : p.count < 100 ? 38 : p.count < 1000 ? 46 : 54;
    var icon = L.divIcon({
      html: "<span>" + p.count.toLocaleString(document.documentElement.lang) + "</span>",
      className: "rank-cluster rank-cluster-" + p.rank,
      iconSize: [size, size]
    });
    var m = L.marker(latlng, { icon: icon, keyboard: true, title: el.dataset.clusterLabel.replace("%(count)s", String(p.count)) });
    if (p.items) {
      // Every incident of this cluster stands on one point: zooming would not split it.
      m.bindPopup(itemBox(p.items, p.count));
    } else {
      m.on("click", function () {
        var b = p.bounds;
        map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [30, 30], maxZoom: map.getZoom() + 3 });
      });
    }
    return m;
  }

  function viewportQuery() {
    var b = map.getBounds();
    var params = new URLSearchParams(query);
    params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(","));
    params.set("zoom", String(map.getZoom()));
    return params.toString();
  }

  function draw() {
    var mine = ++asked;
    return fetch(el.dataset.clusters + "?" + viewportQuery(), { headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (mine !== asked) return data;  // a newer view was asked for meanwhile
        layer.clearLayers();
        data.features.forEach(function (f) { layer.addLayer(clusterMarker(f)); });
        el.dataset.count = String(data.total);
        return data;
      });
  }

  function load(newQuery) {
    query = newQuery || "";
    var form = document.getElementById("incident-filters");
    if (!(form && form.elements.state && form.elements.state.value)) {
      usView();
      return draw();
    }
    // Filtered to a state: ask once for the bounds of its incidents, then draw that view.
    return draw().then(function (data) {
      if (!data.bounds) return data;
      var b = data.bounds;
      map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { maxZoom: 8, padding: [20, 20] });
      return draw();
    });
  }
  map.on("moveend", function () { if (el.dataset.state === "ready") draw(); });

  var form = document.getElementById("incident-filters");
  function queryOf(formEl) {
    var params = new URLSearchParams();
    new FormData(formEl).forEach(function (value, key) { if (value) params.append(key, value); });
    return params.toString();
  }

  function refresh() {
    var query = queryOf(form);
    el.dataset.state = "loading";
    var pageUrl = form.action + (query ? "?" + query : "");
    history.replaceState(null, "", pageUrl);
    document.getElementById("incident-results").setAttribute("aria-busy", "true");
    var list = fetch(pageUrl, { headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("incident-results");
        var results = document.getElementById("incident-results");
        if (fresh) results.innerHTML = fresh.innerHTML;
        results.removeAttribute("aria-busy");
        doc.querySelectorAll("[data-rank-count]").forEach(function (span) {
          var mine = form.querySelector('[data-rank-count="' + span.dataset.rankCount + '"]');
          if (mine) mine.textContent = span.textContent;
        });
        ["state", "source"].forEach(function (name) {
          var freshSelect = doc.querySelector('#incident-filters select[name="' + name + '"]');
          var select = form.querySelector('select[name="' + name + '"]');
          if (freshSelect && select) { select.innerHTML = freshSelect.innerHTML; }
        });
      });
    return Promise.all([list, load(query)]).then(function () {
      el.dataset.state = "ready";
      el.dispatchEvent(new CustomEvent("incidents:loaded"));
    });
  }

  if (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); refresh(); });
    form.addEventListener("change", function () { refresh(); });
  }
  load(location.search.replace(/^\?/, "")).then(function () {
    el.dataset.state = "ready";
    el.dispatchEvent(new CustomEvent("incidents:loaded"));
  });
})();
