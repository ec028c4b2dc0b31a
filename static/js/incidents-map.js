// The incident map: an offline US states outline (or tiles when MAP_TILE_URL is set), approved
// incidents as rank-coloured markers in clusters, and filters that refresh map and list in place.
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
  var clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    iconCreateFunction: function (cluster) {
      var top = 0;
      cluster.getAllChildMarkers().forEach(function (m) { top = Math.max(top, m.options.rank); });
      var n = cluster.getChildCount();
      var size = n < 10 ? 30 : n < 100 ? 38 : 46;
      return L.divIcon({
        html: "<span>" + n + "</span>",
        className: "rank-cluster rank-cluster-" + top,
        iconSize: [size, size]
      });
    }
  });
  map.addLayer(clusters);

  function popup(props) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.title;
    link.className = "popup-title";
    box.appendChild(link);
    var meta = document.createElement("div");
    meta.className = "small";
    meta.textContent = [props.rank + " · " + props.rank_label, props.date, props.place].filter(Boolean).join(" · ");
    box.appendChild(meta);
    return box;
  }

  function load(query) {
    var url = el.dataset.geojson + (query ? "?" + query : "");
    return fetch(url, { headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        clusters.clearLayers();
        var layers = data.features.map(function (f) {
          var c = f.geometry.coordinates;
          return marker([c[1], c[0]], f.properties.rank).bindPopup(popup(f.properties));
        });
        clusters.addLayers(layers);
        el.dataset.count = String(layers.length);
        var form = document.getElementById("incident-filters");
        if (layers.length && form && form.elements.state && form.elements.state.value) {
          map.fitBounds(clusters.getBounds(), { maxZoom: 8, padding: [20, 20] });
        } else {
          usView();
        }
      });
  }

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
