// The selector over an indicator's breakdowns, like Open SDG's disaggregation panel. Progressive
// only: without this script every table and chart of the data section is on the page. With it, each
// series shows a form (hidden in the HTML) with a box per value of each dimension; ticking values
// shows the breakdown by the dimensions that have ticks, only the rows (and chart lines) of the
// ticked values. With nothing ticked, the totals are shown. No inline script: the page loads this
// file, so a Content-Security-Policy of `script-src 'self'` is enough.
"use strict";

(function () {
  function keyOf(text) {
    return text.split(",").map(function (v) { return v === "-" ? null : Number(v); });
  }

  function setup(series) {
    var form = series.querySelector("form.disaggregation");
    if (!form) return;
    var sections = Array.prototype.slice.call(series.querySelectorAll("section.breakdown"));
    var status = form.querySelector(".disaggregation-status");
    var fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-dimension]"));

    function chosen() {
      var choice = {};
      fieldsets.forEach(function (fieldset) {
        var ticked = Array.prototype.slice.call(fieldset.querySelectorAll("input:checked"));
        if (ticked.length) {
          choice[fieldset.getAttribute("data-dimension")] = ticked.map(function (i) { return Number(i.value); });
        }
      });
      return choice;
    }

    function matches(key, choice) {
      return Object.keys(choice).every(function (d) { return choice[d].indexOf(key[Number(d)]) !== -1; });
    }

    function show() {
      var choice = chosen();
      var dims = Object.keys(choice).map(Number).sort(function (a, b) { return a - b; }).join(",");
      var found = false;
      // A series published without totals shows every breakdown until a value is ticked.
      var all = dims === "" && !sections.some(function (s) { return s.getAttribute("data-dims") === ""; });
      sections.forEach(function (section) {
        var shown = all || section.getAttribute("data-dims") === dims;
        section.hidden = !shown;
        if (!shown) return;
        found = true;
        section.querySelectorAll("tr[data-key]").forEach(function (row) {
          row.hidden = !matches(keyOf(row.getAttribute("data-key")), choice);
        });
        section.querySelectorAll("figure.chart-figure").forEach(function (figure) {
          var any = false;
          figure.querySelectorAll("g.chart-row").forEach(function (line) {
            var on = matches(keyOf(line.getAttribute("data-key")), choice);
            line.classList.toggle("chart-hidden", !on);
            any = any || on;
          });
          figure.hidden = !any;
        });
      });
      status.textContent = found ? "" : form.getAttribute("data-none");
    }

    form.hidden = false;
    form.addEventListener("change", show);
    show();
  }

  document.querySelectorAll("section.series").forEach(setup);
})();
