/* The directory map: Leaflet with vector circle markers loaded from the page's GeoJSON URL.
 *
 * Circle markers are drawn by the browser, so places stay visible even when the tile server is
 * unreachable or blocked. Popups are built from DOM text nodes, never from HTML strings, so a
 * name cannot inject markup. The table under the map carries the same places for people who
 * do not use the map (keyboard, screen readers, no JavaScript).
 */
(function () {
  "use strict";

  // The translation catalog (/jsi18n/) defines these; without it the text stays English.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, count) { return count === 1 ? one : many; };
  var interpolate = window.interpolate || function (text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) { return String(values[name]); });
  };

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

  // The words come from the translation catalog (/jsi18n/, loaded before this script).
  var labels = {
    leader: gettext("Leader"),
    organization: gettext("Organization"),
    event: gettext("Event")
  };

  function counted(template, count) {
    return interpolate(template, { count: count }, true);
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
      var hidden = features.length - POPUP_LIMIT;
      more.textContent = counted(ngettext(
        "and %(count)s more here: see the list below the map.",
        "and %(count)s more here: see the list below the map.",
        hidden
      ), hidden);
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
      setStatus(status, gettext("No places with a known location to show on the map."));
      return;
    }
    if (groups.length === 1) {
      map.setView(groups[0].latlng, 11);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
    }
    setStatus(status, counted(ngettext(
      "%(count)s place on the map. It is also listed below.",
      "%(count)s places on the map. Every place is also listed below.",
      count
    ), count));
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
      counts.textContent = interpolate(
        gettext("%(organizations)s organizations, %(leaders)s leaders"),
        { organizations: props.organizations, leaders: props.leaders },
        true
      );
      box.appendChild(counts);
      var link = document.createElement("a");
      link.href = props.url;
      link.textContent = gettext("Show this state");
      box.appendChild(link);
      marker.bindPopup(box, { maxWidth: 280 });
      marker.bindTooltip(String(total), { permanent: true, direction: "center", className: "map-count" });
      marker.addTo(map);
      bounds.extend(latlng);
    });
    if (features.length) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 6 });
      setStatus(status, counted(ngettext(
        "Counts for %(count)s state on the map. It is also listed below.",
        "Counts for %(count)s states on the map. Every state is also listed below.",
        features.length
      ), features.length));
    } else {
      setStatus(status, gettext("No places with a known location to show on the map."));
    }
  }

  function init() {
    var element = document.getElementById("directory-map");
    var configNode = document.getElementById("map-config");
    if (!element || !configNode || typeof L === "undefined") {
      return;
    }
    var config = JSON.parse(configNode.textContent);
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
    setStatus(status, gettext("Loading the map…"));
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
        setStatus(status, gettext("The map could not load its places. Every place is listed below."));
        element.setAttribute("data-ready", "error");
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
