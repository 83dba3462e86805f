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
    var layer = L.layerGroup().addTo(map);
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
      layer.addLayer(marker);
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
    return layer;
  }

  // Words added with the zoomable map; Django's JavaScript catalog translates them when the
  // page loads it, and they stay English without it.
  function t(text) {
    return typeof gettext === "function" ? gettext(text) : text;
  }

  // From this zoom on, the national map shows clusters (then single places) of the area in
  // view, fetched from the server for that box; below it, the counts per state.
  var CLUSTER_ZOOM = 5;
  var CLUSTER_STYLES = {
    leader: { color: "#ffffff", weight: 2, fillColor: "#b3261e", fillOpacity: 0.85 },
    organization: { color: "#ffffff", weight: 2, fillColor: "#1f4fb5", fillOpacity: 0.85 },
    event: { color: "#ffffff", weight: 2, fillColor: "#6a3d9a", fillOpacity: 0.85 }
  };
  var LAYER_NAMES = {
    leader: function () { return t("Leaders"); },
    organization: function () { return t("Organizations"); },
    event: function () { return t("Public events"); }
  };

  function clusterMarker(map, feature) {
    var props = feature.properties;
    var latlng = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
    var style = CLUSTER_STYLES[props.layer] || CLUSTER_STYLES.organization;
    var marker = L.circleMarker(latlng, L.extend({}, style, {
      radius: 7 + Math.min(18, Math.sqrt(props.count) * 2)
    }));
    var name = LAYER_NAMES[props.layer] ? LAYER_NAMES[props.layer]() : props.layer;
    marker.bindTooltip(String(props.count), { permanent: true, direction: "center", className: "map-count" });
    var box = document.createElement("div");
    box.className = "map-popup";
    var line = document.createElement("p");
    line.textContent = name + ": " + String(props.count);
    box.appendChild(line);
    var zoomIn = document.createElement("button");
    zoomIn.type = "button";
    zoomIn.textContent = t("Zoom in here");
    zoomIn.addEventListener("click", function () {
      map.setView(latlng, Math.min(map.getZoom() + 2, 18));
    });
    box.appendChild(zoomIn);
    marker.bindPopup(box, { maxWidth: 240 });
    return marker;
  }

  function pointMarker(feature, labels) {
    var latlng = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
    var type = feature.properties.type;
    var base = STYLES[type] || L.extend({ radius: 8 }, CLUSTER_STYLES[type] || CLUSTER_STYLES.organization);
    var marker = L.circleMarker(latlng, base);
    marker.bindPopup(popupFor([feature], labels), { maxWidth: 280 });
    return marker;
  }

  function zoomable(map, config, statesLayer, status) {
    var url = config.clustersUrl;
    var clusterLayer = L.layerGroup();
    var pending = null;
    var asked = 0;
    function refresh() {
      var zoom = map.getZoom();
      if (zoom < CLUSTER_ZOOM) {
        map.removeLayer(clusterLayer);
        statesLayer.addTo(map);
        return;
      }
      var number = ++asked;
      var query = "bbox=" + encodeURIComponent(map.getBounds().toBBoxString()) + "&zoom=" + zoom;
      fetch(url + (url.indexOf("?") >= 0 ? "&" : "?") + query, {
        credentials: "same-origin",
        headers: { Accept: "application/geo+json, application/json" }
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (collection) {
          if (number !== asked) {
            return; // the map moved again since
          }
          clusterLayer.clearLayers();
          (collection.features || []).forEach(function (feature) {
            var marker = feature.properties.type === "cluster"
              ? clusterMarker(map, feature)
              : pointMarker(feature, config.labels);
            clusterLayer.addLayer(marker);
          });
          map.removeLayer(statesLayer);
          clusterLayer.addTo(map);
          if (collection.truncated) {
            setStatus(status, t("Only the largest groups are shown here: zoom in to see more."));
          } else if (collection.mode === "points") {
            setStatus(status, t("Each circle is one place. Every state is also listed below."));
          } else {
            setStatus(status, t("Circles group nearby places; zoom in to see each one."));
          }
        })
        .catch(function () {
          setStatus(status, config.labels.failed);
        });
    }
    map.on("moveend", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(refresh, 250);
    });
    if (map.getZoom() >= CLUSTER_ZOOM) {
      refresh(); // the states' fit already brought the map this close
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
          var statesLayer = drawStates(map, collection, labels, status);
          var clustersUrl = element.getAttribute("data-clusters-url");
          if (clustersUrl) {
            zoomable(map, { clustersUrl: clustersUrl, labels: labels }, statesLayer, status);
          }
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
