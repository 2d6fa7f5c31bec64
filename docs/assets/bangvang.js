/* The site's own small scripts. No request, no library. */

/* Material takes every <link rel="alternate"> for another language version of the site and
 * fetches sitemap.xml beside it: for the Atom feed (khen-thuong/feed.xml) that request fails
 * with a 404 in the reader's console. This script runs after Material's bundle but before the
 * document is ready, when Material looks: the feed link becomes rel="alternate feed" (still a
 * feed for readers that use the DOM), which Material's exact [rel=alternate] no longer matches. */
(function () {
  "use strict";
  var feeds = document.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]');
  Array.prototype.forEach.call(feeds, function (link) { link.rel = "alternate feed"; });
})();

/* Progressive filter of the list of exemplary models (/dien-hinh/).
 * Without JavaScript the full table shows and the form stays hidden; with it, the form appears
 * and hides the rows that do not match. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-bv-filter]");
  if (!form) return;
  var table = document.querySelector("table.bv-models");
  if (!table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = form.querySelector("[data-bv-count]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

  function matches(row, name, value) {
    if (!value) return true;
    var data = row.getAttribute("data-" + name) || "";
    return data.split(/\s+/).indexOf(value) !== -1;
  }

  function number(n) { return n.toLocaleString("vi-VN"); }

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = selects.every(function (s) { return matches(row, s.name, s.value); });
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    if (count) {
      count.textContent = shown === rows.length
        ? "Hiển thị tất cả " + number(rows.length) + " điển hình."
        : "Hiển thị " + number(shown) + " trên " + number(rows.length) + " điển hình.";
    }
  }

  selects.forEach(function (s) { s.addEventListener("change", apply); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
