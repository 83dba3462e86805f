// The check-in desk: narrows the list of people going as the volunteer types (no round trip,
// so it stays quick on a slow connection at the door) and scans check-in QR codes with the
// phone's camera where the browser offers BarcodeDetector. Without JavaScript the search form
// asks the server instead, and the code can always be typed.
(function () {
  "use strict";

  // The translation catalog (/jsi18n/) defines these; without it the text stays English.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, count) { return count === 1 ? one : many; };
  var interpolate = window.interpolate || function (text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) { return String(values[name]); });
  };

  var form = document.querySelector(".checkin-desk form[role='search']");
  var input = form && form.querySelector("input[name='q']");
  var results = document.getElementById("checkin-results");
  if (!form || !input || !results) {
    return;
  }

  function roster() {
    return results.querySelector("[data-checkin-roster]");
  }

  function visibleRows() {
    var list = roster();
    if (!list) {
      return [];
    }
    return Array.prototype.filter.call(list.querySelectorAll(".checkin-row"), function (row) {
      return !row.hidden;
    });
  }

  function narrow() {
    var list = roster();
    if (!list) {
      return;
    }
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var rows = list.querySelectorAll(".checkin-row");
    var shown = 0;
    Array.prototype.forEach.call(rows, function (row) {
      var text = row.getAttribute("data-checkin-match") || "";
      var match = words.every(function (word) {
        return text.indexOf(word) !== -1;
      });
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    var none = results.querySelector("[data-checkin-no-match]");
    if (none) {
      none.hidden = shown !== 0;
    }
    var status = results.querySelector("[data-checkin-status]");
    if (status && words.length) {
      // From the translation catalog (/jsi18n/, loaded before this script).
      var template = ngettext(
        "%(count)s match for “%(query)s”.", "%(count)s matches for “%(query)s”.", shown
      );
      status.textContent = interpolate(template, { count: shown, query: input.value.trim() }, true);
    }
  }

  var statusNode = results.querySelector("[data-checkin-status]");
  var fullStatus = statusNode ? statusNode.textContent : "";
  input.addEventListener("input", function () {
    narrow();
    if (statusNode && !input.value.trim()) {
      statusNode.textContent = fullStatus;
    }
  });
  form.addEventListener("submit", function (event) {
    if (!roster()) {
      return;
    }
    // The whole list is here already: Enter picks the one person left instead of reloading.
    event.preventDefault();
    narrow();
    var rows = visibleRows();
    if (rows.length === 1) {
      var button = rows[0].querySelector("button[type='submit']");
      if (button) {
        button.focus();
      }
    }
  });
  narrow();

  var scan = document.querySelector("[data-checkin-scan]");
  if (!scan || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var startButton = scan.querySelector("[data-scan-start]");
  var stopButton = scan.querySelector("[data-scan-stop]");
  var video = scan.querySelector("[data-scan-video]");
  var status = scan.querySelector("[data-scan-status]");
  var stream = null;
  var timer = null;
  var detector = null;
  scan.hidden = false;

  function stop() {
    if (timer) {
      window.clearTimeout(timer);
      timer = null;
    }
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
      stream = null;
    }
    video.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = false;
  }

  function found(code) {
    stop();
    status.textContent = "";
    input.value = code.trim();
    if (roster()) {
      narrow();
      var rows = visibleRows();
      var button = rows.length === 1 && rows[0].querySelector("button[type='submit']");
      (button || input).focus();
    } else {
      // A list too long to hold in the page: let the server search (htmx listens for "search").
      input.dispatchEvent(new Event("search", { bubbles: true }));
      input.focus();
    }
  }

  function look() {
    detector
      .detect(video)
      .then(function (codes) {
        if (codes.length) {
          found(codes[0].rawValue);
        } else if (stream) {
          timer = window.setTimeout(look, 250);
        }
      })
      .catch(function () {
        if (stream) {
          timer = window.setTimeout(look, 500);
        }
      });
  }

  startButton.addEventListener("click", function () {
    detector = detector || new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        stopButton.hidden = false;
        startButton.hidden = true;
        status.textContent = scan.dataset.messageScanning;
        return video.play();
      })
      .then(look)
      .catch(function () {
        stop();
        status.textContent = scan.dataset.messageNoCamera;
        input.focus();
      });
  });
  stopButton.addEventListener("click", function () {
    stop();
    input.focus();
  });
  window.addEventListener("pagehide", stop);
})();
