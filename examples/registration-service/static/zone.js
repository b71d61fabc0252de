// Puts the browser's time zone into the form (the server shows the confirmation's time in it)
// and shows the event's time there now, asking the server, which writes it as the page does.
// Without this script the page still works: the server uses the chosen country's zone.
(function () {
  "use strict";
  // A refused form: the summary of what to correct takes the focus, so it is read first.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var field = document.getElementById("zone");
  var reader = document.getElementById("reader");
  if (!zone || !field || !reader) {
    return;
  }
  field.value = zone;
  fetch(reader.dataset.source + "&zone=" + encodeURIComponent(zone))
    .then(function (answer) { return answer.ok ? answer.json() : null; })
    .then(function (time) {
      if (!time) {
        return;
      }
      document.getElementById("reader-date").textContent = time.date;
      var clock = document.getElementById("reader-clock");
      clock.textContent = time.time;
      clock.setAttribute("datetime", time.instant);
      var shown = document.getElementById("reader-zone");
      shown.textContent = time.zone;
      shown.parentElement.hidden = false;
      var unknown = document.getElementById("reader-unknown");
      if (unknown) {
        unknown.hidden = true;
      }
      document.getElementById("listing-times").textContent = time.listing;
    })
    .catch(function () {
      // The time stays as the server wrote it; the form does not depend on it.
    });
})();
