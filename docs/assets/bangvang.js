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
  var form = document.querySelector('form[data-bv-filter="models"]');
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

  // 1.356: grouping by dots, as the site writes numbers (toLocaleString's first call loads the
  // locale's data: about 20 ms of a phone's main thread at load).
  function number(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }

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

/* The menu button (overrides/partials/header.html): a real <button>, reachable by Tab and
 * pressed with Enter or Space, in place of the theme's <label for="__drawer"> (kept for pages
 * read without JavaScript). It clicks the drawer's checkbox, as Material's own scripts do, so
 * the theme's behaviour stays the same; Escape closes the menu and gives focus back to the button,
 * and leaving the open menu with Tab closes it. chrome.css hides the closed menu from Tab. */
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector(".bv-menu-button");
  if (!toggle || !button) return;
  var label = document.querySelector(".bv-menu-label");
  var drawer = document.querySelector(".md-sidebar--primary");
  button.hidden = false;
  if (label) label.hidden = true;

  function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
  function close(refocus) {
    if (toggle.checked) toggle.click();
    if (refocus) button.focus();
  }

  button.addEventListener("click", function () {
    toggle.click();
    if (toggle.checked && drawer) {
      var first = drawer.querySelector("a[href]");
      if (first) first.focus({ preventScroll: true });
    }
  });
  toggle.addEventListener("change", sync);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) close(true);
  });
  if (drawer) {
    drawer.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (toggle.checked && next && !drawer.contains(next) && next !== button) close(false);
    });
  }
  sync();
})();

/* Tables that scroll sideways can be reached and scrolled with the keyboard: a wrapper that
 * really scrolls (Material's own, or ours) gets tabindex="0", role="region" and the table's
 * caption as its name, if the page did not give them; they are taken back when it stops
 * scrolling (another width). A table stacked on phones (class bv-stack, chrome.css) gets its
 * roles written out, since some browsers drop them with display: block. */
(function () {
  "use strict";
  var WRAPS = ".md-typeset .bv-table-wrap, .md-typeset .md-typeset__scrollwrap";

  function name(wrap) {
    var caption = wrap.querySelector("caption");
    var text = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    return text || "Bảng số liệu";
  }

  function regions() {
    Array.prototype.forEach.call(document.querySelectorAll(WRAPS), function (wrap) {
      var style = getComputedStyle(wrap);
      var scrolls = (style.overflowX === "auto" || style.overflowX === "scroll") &&
        wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name(wrap));
        wrap.setAttribute("data-bv-region", "");
      } else if (!scrolls && wrap.hasAttribute("data-bv-region")) {
        ["tabindex", "role", "aria-label", "data-bv-region"].forEach(function (a) { wrap.removeAttribute(a); });
      }
    });
  }

  function roles() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset table.bv-stack"), function (table) {
      table.setAttribute("role", "table");
      Array.prototype.forEach.call(table.querySelectorAll("thead, tbody, tfoot"), function (g) { g.setAttribute("role", "rowgroup"); });
      Array.prototype.forEach.call(table.rows, function (row) {
        row.setAttribute("role", "row");
        Array.prototype.forEach.call(row.cells, function (cell) {
          var role = cell.tagName === "TD" ? "cell"
            : (cell.getAttribute("scope") === "row" || cell.parentNode.parentNode.tagName !== "THEAD") ? "rowheader" : "columnheader";
          cell.setAttribute("role", role);
        });
      });
    });
  }

  var timer = 0;
  function later(wait) { clearTimeout(timer); timer = setTimeout(regions, wait); }
  roles();
  // Measured once the page has been laid out and painted (Material wraps plain tables in its
  // scroll box when the document is ready), so the reading costs no extra layout; again on resize.
  function afterPaint() { requestAnimationFrame(function () { later(0); }); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", afterPaint);
  else afterPaint();
  window.addEventListener("load", function () { later(0); });
  window.addEventListener("resize", function () { later(150); });
})();

/* Progressive filter of a year's awards (/khen-thuong/<year>/) by level, campaign and commune.
 * Without JavaScript the form stays hidden and the page's jump list leads to each level and
 * form (anchors); with it, the form appears and hides the award cards that do not match, and
 * the form and level sections left empty. */
(function () {
  "use strict";
  var form = document.querySelector('form[data-bv-filter="year-awards"]');
  if (!form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.bv-award[data-level]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".bv-level, .bv-group, .bv-proposals"));
  var count = form.querySelector("[data-bv-count]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

  function matches(card, name, value) {
    if (!value) return true;
    return (card.getAttribute("data-" + name) || "").split(/\s+/).indexOf(value) !== -1;
  }
  function number(n) { return n.toLocaleString("vi-VN"); }

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = selects.every(function (s) { return matches(card, s.name, s.value); });
      card.classList.toggle("bv-filter-hidden", !ok);
      if (ok) shown += 1;
    });
    groups.forEach(function (group) {
      var any = group.querySelector("article.bv-award[data-level]:not(.bv-filter-hidden)");
      group.classList.toggle("bv-filter-hidden", !any);
    });
    if (count) {
      count.textContent = shown === cards.length
        ? "Hiển thị tất cả " + number(cards.length) + " khen thưởng."
        : "Hiển thị " + number(shown) + " trên " + number(cards.length) + " khen thưởng.";
    }
  }

  selects.forEach(function (s) { s.addEventListener("change", apply); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();

/* The day of printing, on the line printed at the top of each page ("In từ … ngày 15/01/2025"). */
(function () {
  "use strict";
  var slots = document.querySelectorAll("[data-bv-print-date]");
  if (!slots.length) return;
  function two(n) { return (n < 10 ? "0" : "") + n; }
  window.addEventListener("beforeprint", function () {
    var d = new Date();
    var text = " ngày " + two(d.getDate()) + "/" + two(d.getMonth() + 1) + "/" + d.getFullYear();
    Array.prototype.forEach.call(slots, function (slot) { slot.textContent = text; });
  });
})();
