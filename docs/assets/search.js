/* The site's search box (issue 4), over the Pagefind bundle written by hooks/bangvang/search.py.
 *
 * The index holds each record's folded text (text.fold: no marks, đ → d, lower case) and the
 * text as written in its metadata. Here the query is folded with fold(), which mirrors
 * hooks/bangvang/text.py's fold(), so "doan", "Đoàn", "ĐOÀN", NFD input, hoá and hóa all run the
 * same search; results that miss a typed word are dropped (Pagefind ignores words found
 * nowhere); results holding the words as typed rank first; snippets are highlighted.
 * The bundle is fetched on first focus or keystroke only: pages stay light. */
(function () {
  "use strict";
  var box = document.querySelector("[data-bv-search]");
  if (!box || !window.fetch) return;
  var script = document.currentScript;
  var root = new URL("..", script ? script.src : location.href);  // this file is <root>/assets/search.js
  var input = box.querySelector("#bv-search-input");
  var panel = box.querySelector("#bv-search-panel");
  var list = box.querySelector("#bv-search-results");
  var status = box.querySelector("#bv-search-status");
  var selects = Array.prototype.slice.call(box.querySelectorAll("select[data-bv-filter]"));
  var SHOWN = 10;        // results rendered
  var RANKED = 12;       // results loaded (one small fragment each) to check and order
  var DEBOUNCE = 70;     // ms after the last keystroke
  // Prefer whole-word matches over longer words that merely start with the typed one
  // ("doan" → Đoàn before Doanh), and short pages (a record) over long ones (a report).
  var RANKING = { termSimilarity: 20, pageLength: 1 };
  var pagefind = null, loading = null, timer = 0, seq = 0, active = -1, items = [];

  box.classList.add("bv-search--ready");

  // -- Vietnamese folding: same as text.fold (đ → d, marks dropped, NFD/NFC and case ignored) --
  function fold(text) {
    return text.replace(/[đĐ]/g, "d").normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
  }
  function terms(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // -- Loading the bundle ---------------------------------------------------------------------
  function load() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 0, noWorker: true, ranking: RANKING }).then(function () {
          return pf.init();
        }).then(function () {
          pagefind = pf;
          return pf;
        });
      }).catch(function () {
        loading = null;
        say("Không tải được bộ tìm kiếm. Vui lòng thử lại.");
      });
    }
    return loading;
  }

  var filtersLoaded = false;
  // The filter lists (a few KB each) load when the reader reaches for them, not with the query.
  function loadFilters() {
    if (filtersLoaded) return;
    filtersLoaded = true;
    load().then(function (pf) {
      if (!pf) { filtersLoaded = false; return null; }
      return pf.filters();
    }).then(function (all) {
      if (!all) return;
      selects.forEach(function (select) {
        var counts = all[select.name] || {};
        var values = Object.keys(counts);
        if (select.name === "year") values.sort().reverse();
        else values.sort(function (a, b) { return a.localeCompare(b, "vi"); });
        values.forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value;
          select.appendChild(option);
        });
        select.closest("label").hidden = values.length === 0;
      });
    });
  }

  // -- Panel ------------------------------------------------------------------------------------
  function open() {
    panel.hidden = false;
    input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
  }
  function close() {
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }
  function say(text) { status.textContent = text; }

  function setActive(index) {
    items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0 && items[index]) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function go(index) {
    var li = items[index];
    if (li) location.href = li.getAttribute("data-href");
  }

  // -- Searching --------------------------------------------------------------------------------
  function currentFilters() {
    var filters = {};
    selects.forEach(function (s) { if (s.value) filters[s.name] = s.value; });
    return filters;
  }

  function run() {
    var query = input.value.normalize("NFC").trim();
    var mine = ++seq;
    if (!query) {
      render([], 0, "");
      close();
      return;
    }
    var wanted = terms(query);
    // A short last word matches a large part of the index (and its download): search without
    // it, the results are still checked against it below; one letter alone: wait for more.
    var sent = searchTerms(wanted);
    if (sent.join("").length < 2) {
      render([], 0, "");
      say("Gõ thêm để tìm.");
      open();
      return;
    }
    load().then(function (pf) {
      if (!pf || mine !== seq) return null;
      // The folded query: the same search for hoá/hóa, NFC/NFD, any case, and đ typed as d.
      return pf.search(sent.join(" "), { filters: currentFilters() }).then(function (search) {
        if (mine !== seq) return;
        var top = search.results.slice(0, RANKED);
        return Promise.all(top.map(function (r) { return r.data(); })).then(function (data) {
          if (mine !== seq) return;
          var exact = exactWords(query);
          var found = data.map(function (d, i) { return record(d, wanted, exact, top[i].score); })
            .filter(function (r) { return r.hasAll; });
          // Equal scores come back in either order from one search to the next: settle by address.
          found.sort(function (a, b) {
            return a.tier - b.tier || b.score - a.score || (a.href < b.href ? -1 : a.href > b.href ? 1 : 0);
          });
          // When every loaded result holds every word, the rest (not loaded) count too.
          var total = found.length === top.length ? search.results.length : found.length;
          render(found.slice(0, SHOWN), total, query);
        });
      });
    });
  }

  function searchTerms(wanted) {
    var last = wanted.length - 1;
    return wanted.filter(function (t, i) { return t.length > 2 || i < last || last === 0; });
  }

  // Exact comparison ignores case, NFC/NFD and where the tone mark sits (hoá = hóa), not marks.
  function exactKey(word) {
    var d = word.toLowerCase().normalize("NFD").replace(/[^\p{L}\p{N}\p{M}]/gu, "");
    var tones = d.replace(/[^\u0300\u0301\u0303\u0309\u0323]/g, "");
    return d.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, "").normalize("NFC") + tones;
  }
  function exactWords(text) {
    return text.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean).map(exactKey);
  }
  function holdsAll(words, wanted) {
    return wanted.every(function (t) { return words.indexOf(t) !== -1; });
  }

  // One result: title, kind, link, snippet, and its tier: every word in the title first, then
  // every word as typed (whole words: hoá = hóa, not hoa), then Pagefind's order.
  function record(d, wanted, exact, score) {
    var meta = d.meta || {};
    var title = meta.title || "";
    // The index holds folded text; the text as written comes in meta.body.
    var words = (meta.body || "").split(/\s+/).filter(Boolean);
    var folded = [];
    title.split(/\s+/).concat(words).forEach(function (w) { folded.push.apply(folded, terms(w)); });
    var hasAll = wanted.every(function (t) {
      return folded.some(function (w) { return w.indexOf(t) === 0; });
    });
    var exactAll = holdsAll(exactWords(title + " " + words.join(" ")), exact);
    var titleAll = holdsAll(terms(title), wanted);
    // meta.href: the page (or row: van-ban/#id) relative to the site root, wherever it is served.
    var href = typeof meta.href === "string" ? meta.href : (d.raw_url || "").replace(/^\//, "");
    return {
      title: title, kind: meta.kind || "",
      href: new URL(href, root).href,
      snippet: snippet(words, wanted), hasAll: hasAll,
      tier: (titleAll ? 0 : 2) + (exactAll ? 0 : 1), score: Math.round(score * 1000),
    };
  }

  function isHit(word, wanted) {
    var parts = terms(word);
    return parts.some(function (p) { return wanted.some(function (t) { return p.indexOf(t) === 0; }); });
  }

  function snippet(words, wanted) {
    var first = -1;
    for (var i = 0; i < words.length; i++) { if (isHit(words[i], wanted)) { first = i; break; } }
    var start = Math.max(0, first - 8), end = Math.min(words.length, start + 26);
    return { words: words.slice(start, end), head: start > 0, tail: end < words.length, wanted: wanted };
  }

  function render(found, total, query) {
    list.textContent = "";
    items = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    found.forEach(function (r, i) {
      var li = document.createElement("li");
      li.id = "bv-search-option-" + i;
      li.className = "bv-result";
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-href", r.href);
      var head = li.appendChild(document.createElement("span"));
      head.className = "bv-result__head";
      var title = head.appendChild(document.createElement("span"));
      title.className = "bv-result__title";
      title.textContent = r.title;
      var kind = head.appendChild(document.createElement("span"));
      kind.className = "bv-result__kind";
      kind.textContent = r.kind;
      var text = li.appendChild(document.createElement("span"));
      text.className = "bv-result__snippet";
      if (r.snippet.head) text.appendChild(document.createTextNode("… "));
      r.snippet.words.forEach(function (w, j) {
        if (j) text.appendChild(document.createTextNode(" "));
        if (isHit(w, r.snippet.wanted)) text.appendChild(document.createElement("mark")).textContent = w;
        else text.appendChild(document.createTextNode(w));
      });
      if (r.snippet.tail) text.appendChild(document.createTextNode(" …"));
      li.addEventListener("click", function () { go(i); });
      li.addEventListener("mousemove", function () { if (active !== i) setActive(i); });
      list.appendChild(li);
      items.push(li);
    });
    list.hidden = found.length === 0;
    if (!query) say("");
    else if (!found.length) say("Không tìm thấy kết quả cho “" + query + "”.");
    else if (total > found.length) say("Hiện " + found.length + " trong " + total.toLocaleString("vi-VN") + " kết quả. Gõ thêm từ hoặc chọn bộ lọc để thu hẹp.");
    else say(found.length + " kết quả.");
    if (query) open();
    box.setAttribute("data-bv-query", query);  // which query the list shows (tests, benchmark)
  }

  // -- Events -----------------------------------------------------------------------------------
  box.querySelector("form").addEventListener("submit", function (e) {
    e.preventDefault();
    go(active >= 0 ? active : 0);
  });
  input.addEventListener("focus", function () {
    load();
    if (input.value.trim()) open();
  });
  input.addEventListener("input", function () {
    load();
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE);
    // Fetch the index chunks for the words so far while the reader is still typing.
    var sent = searchTerms(terms(input.value.normalize("NFC")));
    if (pagefind && sent.join("").length >= 2) pagefind.preload(sent.join(" "));
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!items.length) return;
      e.preventDefault();
      if (panel.hidden) open();
      var step = e.key === "ArrowDown" ? 1 : -1;
      setActive((active + step + items.length) % items.length);
    } else if (e.key === "Enter") {
      if (items.length) { e.preventDefault(); go(active >= 0 ? active : 0); }
    } else if (e.key === "Escape") {
      if (!panel.hidden) { e.preventDefault(); close(); }
      else if (input.value) { e.preventDefault(); input.value = ""; run(); }
    }
  });
  selects.forEach(function (s) { s.addEventListener("change", run); });
  ["pointerenter", "touchstart", "focusin"].forEach(function (type) {
    box.querySelector("fieldset").addEventListener(type, loadFilters, { passive: true });
  });
  panel.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { e.preventDefault(); close(); input.focus(); }
  });
  document.addEventListener("click", function (e) {
    if (!box.contains(e.target)) close();
  });
  box.addEventListener("focusout", function (e) {
    if (e.relatedTarget && !box.contains(e.relatedTarget)) close();
  });
})();
