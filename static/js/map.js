/* The directory map: Leaflet with vector circle markers loaded from the page's GeoJSON URL.
 *
 * Circle markers are drawn by the browser, so places stay visible even when the tile server is
 * unreachable or blocked. Popups are built from DOM text nodes, never from HTML strings, so a
 * name cannot inject markup. The table under the map carries the same places for people who
 * do not use the map (keyboard, screen readers, no JavaScript).
 */
(function () {
  "use strict";

  var STYLES = {
    organization: { radius: 10, color: "#ffffff", weight: 2, fillColor: "#1f4fb5", fillOpacity: 0.9 },
    leader: { radius: 6, color: "#ffffff", weight: 2, fillColor: "#b3261e", fillOpacity: 0.95 }
  };
  var POPUP_LIMIT = 8;
  var US_CENTER = [39.5, -98.35];

  function setStatus(element, text) {
    if (element) {
      element.textContent = text;
    }
  }

  function format(template, count) {
    return template.replace("{count}", String(count));
  }

  function placeLine(feature, labels) {
    var props = feature.properties;
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.name;
    var strong = document.createElement("strong");
    strong.appendChild(link);
    item.appendChild(strong);
    var where = [props.city, props.state].filter(Boolean).join(", ");
    var meta = document.createElement("span");
    meta.className = "map-popup-meta";
    meta.textContent = (labels[props.type] || props.type) + (where ? " · " + where : "");
    item.appendChild(document.createElement("br"));
    item.appendChild(meta);
    return item;
  }

  function popupFor(features, labels) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var list = document.createElement("ul");
    features.slice(0, POPUP_LIMIT).forEach(function (feature) {
      list.appendChild(placeLine(feature, labels));
    });
    box.appendChild(list);
    if (features.length > POPUP_LIMIT) {
      var more = document.createElement("p");
      more.textContent = format(labels.more, features.length - POPUP_LIMIT);
      box.appendChild(more);
    }
    return box;
  }

  // Leaders share their ZIP centroid, so places of one type at one point become one marker.
  function groupByPoint(features) {
    var groups = {};
    var order = [];
    features.forEach(function (feature) {
      var coords = feature.geometry && feature.geometry.coordinates;
      if (!coords || coords.length < 2) {
        return;
      }
      var key = feature.properties.type + ":" + coords[1] + "," + coords[0];
      if (!groups[key]) {
        groups[key] = { type: feature.properties.type, latlng: [coords[1], coords[0]], features: [] };
        order.push(key);
      }
      groups[key].features.push(feature);
    });
    return order.map(function (key) { return groups[key]; });
  }

  function drawPlaces(map, collection, labels, status) {
    var groups = groupByPoint(collection.features || []);
    // Organizations first and larger, leaders on top and smaller: both stay clickable.
    groups.sort(function (a, b) {
      return (a.type === "leader") - (b.type === "leader");
    });
    var bounds = L.latLngBounds([]);
    groups.forEach(function (group) {
      var base = STYLES[group.type] || STYLES.organization;
      var style = L.extend({}, base, {
        radius: base.radius + Math.min(6, Math.log2(group.features.length) * 2)
      });
      var marker = L.circleMarker(group.latlng, style);
      marker.bindPopup(popupFor(group.features, labels), { maxWidth: 280 });
      marker.addTo(map);
      bounds.extend(group.latlng);
    });
    var count = (collection.features || []).length;
    if (!count) {
      setStatus(status, labels.none);
      return;
    }
    if (groups.length === 1) {
      map.setView(groups[0].latlng, 11);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
    }
    setStatus(status, count === 1 ? labels.shownOne : format(labels.shown, count));
  }

  // The national view: one circle per state, sized by its places, linking to the state's map.
  function drawStates(map, collection, labels, status) {
    var features = collection.features || [];
    var bounds = L.latLngBounds([]);
    features.forEach(function (feature) {
      var props = feature.properties;
      var total = props.organizations + props.leaders;
      var latlng = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
      var marker = L.circleMarker(latlng, L.extend({}, STYLES.organization, {
        radius: 8 + Math.min(22, Math.sqrt(total) * 2)
      }));
      var box = document.createElement("div");
      box.className = "map-popup";
      var name = document.createElement("strong");
      name.textContent = props.name;
      box.appendChild(name);
      var counts = document.createElement("p");
      counts.textContent = labels.stateCounts
        .replace("{organizations}", String(props.organizations))
        .replace("{leaders}", String(props.leaders));
      box.appendChild(counts);
      var link = document.createElement("a");
      link.href = props.url;
      link.textContent = labels.showState;
      box.appendChild(link);
      marker.bindPopup(box, { maxWidth: 280 });
      marker.bindTooltip(String(total), { permanent: true, direction: "center", className: "map-count" });
      marker.addTo(map);
      bounds.extend(latlng);
    });
    if (features.length) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 6 });
      setStatus(status, format(labels.states, features.length));
    } else {
      setStatus(status, labels.none);
    }
  }

  function init() {
    var element = document.getElementById("directory-map");
    var configNode = document.getElementById("map-config");
    if (!element || !configNode || typeof L === "undefined") {
      return;
    }
    var config = JSON.parse(configNode.textContent);
    var labels = config.labels;
    var status = document.getElementById("map-status");
    var map = L.map(element, { scrollWheelZoom: false }).setView(US_CENTER, 4);
    L.tileLayer(config.tileUrl, {
      attribution: config.attribution,
      maxZoom: 18,
      referrerPolicy: "strict-origin-when-cross-origin"
    }).addTo(map);

    // A small map (near me) carries its places in the page, in a JSON data block.
    var inline = element.getAttribute("data-geojson-script");
    if (inline) {
      var data = document.getElementById(inline);
      if (data) {
        drawPlaces(map, JSON.parse(data.textContent), labels, status);
        element.setAttribute("data-ready", "true");
      }
      return;
    }
    var url = element.getAttribute("data-geojson-url");
    if (!url) {
      return;
    }
    setStatus(status, labels.loading);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (collection) {
        var first = (collection.features || [])[0];
        if (first && first.properties.type === "state") {
          drawStates(map, collection, labels, status);
        } else {
          drawPlaces(map, collection, labels, status);
        }
        element.setAttribute("data-ready", "true");
      })
      .catch(function () {
        setStatus(status, labels.failed);
        element.setAttribute("data-ready", "error");
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
