/* The site's search boxes (issue 13): the header's, and the field #bv-home-search of a page's
 * content (home, search and 404 pages), over the Pagefind bundles written by
 * hooks/bangvang/search/ (records made from the data, not from the pages).
 *
 * The index holds each record's folded text (text.fold: no marks, đ → d, lower case) and the
 * text as written in its metadata. Here the query is folded the same way, so "doan", "Đoàn",
 * "ĐOÀN", NFD input, hoá and hóa run the same search. Pagefind finds the candidates (the query's
 * words, and the same words as a phrase); this script then orders them as a reader expects: a
 * record named exactly as typed; the words together in its title (or another of its names, or
 * a recipient's name in it); together in its text; all in one title; scattered. Within each:
 * every word whole, the spelling as typed, records before lists, a title mostly made of the
 * query. For each it shows the passage where it matched, in the original spelling, the matched
 * words marked: the original text is folded character by character, keeping where each word
 * came from, so the folded match maps back onto the text as written. A match on a recipient
 * named in an award act opens the page at that recipient's line.
 * The bundle is fetched on first focus or keystroke only: pages stay light; the staff guide has
 * a bundle of its own, fetched only when its filter is chosen; the filters' labels
 * (pagefind/facets.json) when the reader reaches for the filters. */
(function () {
  "use strict";
  if (!window.fetch) return;
  var script = document.currentScript;
  var ROOT = new URL("..", script ? script.src : location.href);  // this file is <root>/assets/search.js
  var BUNDLES = { reader: "pagefind/", guide: "pagefind-huong-dan/" };
  var GUIDE = "guide";        // the kind whose records are in the guide's bundle
  var SHOWN = 10;             // results shown
  var LOADED = 8;             // results of the word search loaded (a small fragment each) to order
  var PHRASE_LOADED = 4;      // … and of the phrase search
  // A word typed with marks ranks its spelling first, which the folded index cannot see: look at
  // more of the word search's results ("thương" among the many "thưởng", "thường", "Thượng";
  // several words narrow the search themselves).
  var MARKED_LOADED = 16;
  var DEBOUNCE = 70;          // ms after the last keystroke
  var EXCERPT_WORDS = 24;     // words in an excerpt
  var BEFORE_MATCH = 7;       // of which before the first matched word
  // Prefer whole-word matches over longer words that merely start with the typed one
  // ("doan" → Đoàn before Doanh), and short records over long ones.
  var RANKING = { termSimilarity: 20, pageLength: 1 };
  // Where a search that found nothing sends the reader.
  var LISTS = [["tap-the/", "Tập thể"], ["ca-nhan/", "Cá nhân"], ["khen-thuong/", "Khen thưởng theo năm"]];
  var WORD = /^[\p{L}\p{N}]+$/u;
  // Small words readers leave out of names ("Giấy khen [của] Chủ tịch", "Cờ thi đua [của] Chính phủ").
  var SMALL = { cua: 1 };

  // -- Vietnamese folding: same as text.fold (đ → d, marks dropped, NFD/NFC and case ignored) --
  function fold(text) {
    return text.replace(/[đĐ]/g, "d").normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
  }
  var folds = new Map();
  function foldChar(ch) {
    var f = folds.get(ch);
    if (f === undefined) { f = fold(ch); folds.set(ch, f); }
    return f;
  }
  // The words of a text, each with its place in the text as written and its folded key.
  function words(text) {
    var out = [], cur = null;
    for (var i = 0; i < text.length;) {
      var ch = String.fromCodePoint(text.codePointAt(i)), next = i + ch.length, f = foldChar(ch);
      if (f && WORD.test(f)) {
        if (!cur) cur = { start: i, end: next, key: "" };
        cur.key += f;
        cur.end = next;
      } else if (!f && cur) {
        cur.end = next;  // a combining mark inside a word (text typed in NFD)
      } else if (cur) {
        out.push(cur);
        cur = null;
      }
      i = next;
    }
    if (cur) out.push(cur);
    return out;
  }
  // Exact comparison ignores case, NFC/NFD and where the tone mark sits (hoá = hóa), not marks.
  function exactKey(word) {
    var d = word.toLowerCase().normalize("NFD").replace(/[^\p{L}\p{N}\p{M}]/gu, "");
    var tones = d.replace(/[^\u0300\u0301\u0303\u0309\u0323]/g, "");
    return d.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, "").normalize("NFC") + tones;
  }

  // -- A query ------------------------------------------------------------------------------------
  function parse(text) {
    var typed = text.normalize("NFC").replace(/\s+/g, " ").trim();
    var ws = words(typed);
    return {
      text: typed,
      marked: fold(typed) !== typed.toLowerCase(),
      terms: ws.map(function (w) { return w.key; }),
      exact: ws.map(function (w) { return exactKey(typed.slice(w.start, w.end)); }),
    };
  }
  // A short last word (still being typed) starts a large part of the index's words, whose chunks
  // the search would download: search without it (numbers aside: "chỉ thị 34"); results are
  // still checked against it. One letter alone: wait for more.
  function sentTerms(terms) {
    var last = terms.length - 1;
    return terms.filter(function (t, i) { return t.length > 2 || i < last || last === 0 || /^\d+$/.test(t); });
  }

  // -- Matching one record ---------------------------------------------------------------------
  // How a record's words answer the query's. A word matches a query word when it is the same
  // word; the last query word may be still being typed, so a word starting with it matches too.
  // When the record lacks even that (Pagefind also finds words that merely start with an earlier
  // query word), any word starting with a query word matches, so the reader still sees why the
  // record came up. Marks: when the record has the last query word whole ("hoá"), only whole
  // words are marked ("Hoàn" is not).
  function Matcher(terms, everyWord) {
    this.terms = terms;
    this.last = terms.length - 1;
    this.prefixLast = false;
    this.loose = false;
    this.whole = this.holdsAll(everyWord);
    this.prefixLast = true;
    this.found = this.holdsAll(everyWord);
    if (!this.found) {
      this.loose = true;
      this.found = this.holdsAll(everyWord);
    }
  }
  // The same record, marking: whole words when it has them.
  Matcher.prototype.marking = function () {
    if (!this.whole) return this;
    var m = Object.create(Matcher.prototype);
    m.terms = this.terms;
    m.last = this.last;
    m.prefixLast = false;
    m.loose = false;
    return m;
  };
  Matcher.prototype.hit = function (word, n) {
    var term = this.terms[n];
    return this.loose || (this.prefixLast && n === this.last) ? word.key.indexOf(term) === 0 : word.key === term;
  };
  Matcher.prototype.any = function (word) {
    for (var n = 0; n < this.terms.length; n++) if (this.hit(word, n)) return true;
    return false;
  };
  Matcher.prototype.holdsAll = function (ws) {
    var self = this;
    return this.terms.every(function (t, n) { return ws.some(function (w) { return self.hit(w, n); }); });
  };
  // Where the query's words stand together, in order: index of the first, or -1. A small word
  // the reader left out ("của": "giấy khen chủ tịch" for "Giấy khen của Chủ tịch") does not
  // keep them apart.
  Matcher.prototype.phraseAt = function (ws) {
    var k = this.terms.length;
    for (var i = 0; i + k <= ws.length; i++) {
      var j = 0, w = i;
      while (j < k && w < ws.length) {
        if (this.hit(ws[w], j)) { j++; w++; }
        else if (j > 0 && j < k && SMALL[ws[w].key] && SMALL[this.terms[j]] === undefined) w++;
        else break;
      }
      if (j === k) return i;
    }
    return -1;
  };
  // Share of a title's words that are query words: "Trường THCS Lê Thanh Nghị" answers
  // "truong thcs le thanh" better than a longer title holding the same words.
  Matcher.prototype.coverage = function (ws) {
    var self = this;
    return ws.length ? ws.filter(function (w) { return self.any(w); }).length / ws.length : 0;
  };
  // A name as typed, small words the reader may leave out aside.
  function sameWords(ws, terms) {
    var a = ws.map(function (w) { return w.key; }).filter(function (k) { return !SMALL[k]; });
    var b = terms.filter(function (k) { return !SMALL[k]; });
    return a.length === b.length && a.every(function (k, i) { return k === b[i]; });
  }
  // Every word of the query as typed (marks and all) among the record's words.
  function typedExactly(parts, q) {
    return q.terms.every(function (t, n) {
      return parts.some(function (p) {
        return p.words.some(function (w) { return w.key === t && exactKey(p.text.slice(w.start, w.end)) === q.exact[n]; });
      });
    });
  }

  // Parts of a text with an anchor of their own (an award act's recipients): "start:length:anchor|…".
  function readParts(text, value) {
    return (value || "").split("|").filter(Boolean).map(function (p) {
      var f = p.split(":"), start = +f[0], name = text.slice(start, start + (+f[1]));
      return { start: start, end: start + (+f[1]), anchor: f.slice(2).join(":"), text: name, words: words(name) };
    });
  }
  function partAt(parts, pos) {
    var found = null;
    parts.forEach(function (p) { if (p.start <= pos) found = p; });
    return found;
  }

  function judge(data, q, score) {
    var meta = data.meta || {};
    var title = { text: meta.title || "" }, body = { text: meta.body || "" };
    title.words = words(title.text);
    body.words = words(body.text);
    var names = (meta.names || "").split("|").filter(Boolean).map(function (n) { return { text: n, words: words(n) }; });
    var parts = readParts(body.text, meta.parts);
    // Headings of the record: its title, its other names, and the names of its parts.
    var heads = [title].concat(names, parts);
    var headWords = [].concat.apply([], heads.map(function (p) { return p.words; }));
    var m = new Matcher(q.terms, headWords.concat(body.words));
    if (!m.found) return null;
    // Named exactly as typed; the words together in the title (or another name); together in
    // the text; all in the title (or in one name); scattered. Within each, records holding every
    // query word whole come before those holding the last one only as the start of a longer word.
    var namedPart = parts.filter(function (n) { return sameWords(n.words, q.terms); })[0];
    var tier = names.some(function (n) { return sameWords(n.words, q.terms); }) ? 0
      : heads.some(function (p) { return m.phraseAt(p.words) >= 0; }) ? 1
      : m.phraseAt(body.words) >= 0 ? 2
      : heads.some(function (p) { return m.holdsAll(p.words); }) ? 3 : 4;
    var marking = m.marking();
    // Where the passage shown is taken from; inside a part, the result opens at the part's
    // anchor and, when the part's name matched, is titled by it (a recipient's name).
    var at = namedPart ? firstWordFrom(body.words, namedPart.start) : matchAt(body.words, marking);
    var part = parts.length && at >= 0 ? partAt(parts, body.words[at].start) : null;
    // meta.href: the record's page and anchor, relative to the site root, wherever it is served.
    var href = typeof meta.href === "string" ? meta.href : (data.raw_url || "").replace(/^\//, "");
    var shown = title, context = meta.context || "";
    if (part) {
      href = href.split("#")[0] + "#" + part.anchor;
      if (part.words.some(function (w) { return marking.any(w); })) {
        shown = part;
        context = title.text + (context ? " · " + context : "");
      }
    }
    return {
      title: shown, body: body, at: at, kind: meta.kind || "", context: context,
      href: new URL(href, ROOT).href, key: href, matcher: marking,
      tier: tier, whole: m.whole ? 0 : 1, exact: typedExactly(heads.concat([body]), q) ? 0 : 1, list: meta.list ? 1 : 0,
      coverage: Math.round(m.coverage(shown.words) * 10),
      score: Math.round(score * 1000),
    };
  }
  function compare(a, b) {
    return a.tier - b.tier || a.whole - b.whole || a.exact - b.exact || a.list - b.list || b.coverage - a.coverage ||
      b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  }

  // -- Excerpts ------------------------------------------------------------------------------------
  // The passage of the text where the query matched: the words together if they are, else the
  // place with most of them; -1 without a match in the text (the title matched).
  function matchAt(ws, m) {
    var at = m.terms.length > 1 ? m.phraseAt(ws) : -1;
    if (at >= 0) return at;
    var best = -1, bestCount = 0;
    ws.forEach(function (w, i) {
      if (!m.any(w)) return;
      var seen = {};
      for (var j = i; j < Math.min(ws.length, i + EXCERPT_WORDS - BEFORE_MATCH); j++) {
        m.terms.forEach(function (t, n) { if (m.hit(ws[j], n)) seen[n] = 1; });
      }
      var count = Object.keys(seen).length;
      if (count > bestCount) { best = i; bestCount = count; }
    });
    return best;
  }
  function firstWordFrom(ws, pos) {
    for (var i = 0; i < ws.length; i++) if (ws[i].start >= pos) return i;
    return -1;
  }
  // The text as written around word `at` (its beginning when -1), matched words marked later.
  function excerpt(part, at) {
    var ws = part.words;
    if (!ws.length) return null;
    var start = at < 0 ? 0 : Math.max(0, at - BEFORE_MATCH);
    var end = Math.min(ws.length, start + EXCERPT_WORDS);
    start = Math.max(0, Math.min(start, end - EXCERPT_WORDS));
    return {
      text: part.text, from: start ? ws[start].start : 0, to: end < ws.length ? ws[end - 1].end : part.text.length,
      head: start > 0, tail: end < ws.length, words: ws.slice(start, end),
    };
  }
  // Text with the words that match the query in <mark>, into a parent element.
  function marked(parent, text, from, to, ws, m) {
    var pos = from;
    ws.forEach(function (w) {
      if (w.start < from || w.end > to || !m.any(w)) return;
      if (w.start > pos) parent.appendChild(document.createTextNode(text.slice(pos, w.start)));
      parent.appendChild(document.createElement("mark")).textContent = text.slice(w.start, w.end);
      pos = w.end;
    });
    if (pos < to) parent.appendChild(document.createTextNode(text.slice(pos, to)));
  }

  // -- Bundles: loaded on first use, one Pagefind instance each ----------------------------------
  var bundles = {};
  function bundle(name) {
    if (!bundles[name]) {
      var base = new URL(BUNDLES[name], ROOT);
      bundles[name] = import(new URL("pagefind.js", base).href).then(function (pf) {
        return pf.options({ baseUrl: ROOT.pathname, excerptLength: 0, noWorker: true, ranking: RANKING })
          .then(function () { return pf.init(); })
          .then(function () { return pf; });
      }).catch(function (err) {
        delete bundles[name];
        throw err;
      });
    }
    return bundles[name];
  }
  var facets = null;
  function loadFacets() {
    if (!facets) {
      facets = fetch(new URL(BUNDLES.reader + "facets.json", ROOT).href).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).catch(function () { facets = null; return null; });
    }
    return facets;
  }

  // Candidates for a query: the word search's best, and the phrase search's (words together).
  function find(q, filters) {
    var guide = filters.kind === GUIDE;
    var sent = sentTerms(q.terms);
    return bundle(guide ? "guide" : "reader").then(function (pf) {
      var pfFilters = {};
      if (!guide) Object.keys(filters).forEach(function (k) { if (filters[k]) pfFilters[k] = filters[k]; });
      var searches = [pf.search(sent.join(" "), { filters: pfFilters })];
      if (sent.length > 1) searches.push(pf.search('"' + sent.join(" ") + '"', { filters: pfFilters }));
      return Promise.all(searches);
    }).then(function (found) {
      var all = found[0] ? found[0].results : [];
      var picked = all.slice(0, q.marked && sent.length === 1 ? MARKED_LOADED : LOADED), ids = {};
      picked.forEach(function (r) { ids[r.id] = 1; });
      (found[1] ? found[1].results : []).slice(0, PHRASE_LOADED).forEach(function (r) {
        if (!ids[r.id]) { ids[r.id] = 1; picked.push(r); }
      });
      return Promise.all(picked.map(function (r) { return r.data(); })).then(function (data) {
        var judged = data.map(function (d, i) { return judge(d, q, picked[i].score); })
          .filter(Boolean).sort(compare);
        // When every loaded result holds every word, the rest (not loaded) count too.
        var total = judged.length === picked.length ? Math.max(all.length, judged.length) : judged.length;
        return { results: judged, total: total };
      });
    });
  }

  // -- One search box -----------------------------------------------------------------------------
  var boxes = 0;
  function Box(input, parts) {
    var self = this;
    var id = "bv-search-" + (boxes++ ? "b" + boxes + "-" : "");
    this.input = input;
    this.form = parts.form || input.form;
    this.panel = parts.panel || make("div", "bv-search__panel", parts.after);
    this.status = parts.status || make("p", "bv-search__status", this.panel);
    this.list = parts.list || make("ul", "bv-search__results", this.panel);
    this.selects = parts.selects || [];
    this.help = make("div", "bv-search__help", this.panel, this.list);
    this.help.hidden = true;
    if (!parts.list) {
      this.panel.id = id + "panel";
      this.panel.hidden = true;
      this.status.id = id + "status";
      this.status.setAttribute("role", "status");
      this.status.setAttribute("aria-live", "polite");
      this.list.id = id + "results";
      this.list.setAttribute("role", "listbox");
      this.list.setAttribute("aria-label", "Kết quả tìm kiếm");
      this.list.hidden = true;
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", this.list.id);
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("autocomplete", "off");
    }
    this.optionId = this.list.id + "-option-";
    this.timer = 0;
    this.seq = 0;
    this.active = -1;
    this.items = [];
    this.filtersLoaded = false;

    // Enter opens the chosen (or first) result. With no result on screen yet, a form with an
    // address of its own (the home page's, to /tim-kiem/?q=…) is sent as written.
    if (this.form) this.form.addEventListener("submit", function (e) {
      if (!self.items.length && self.form.getAttribute("action")) return;
      e.preventDefault();
      self.go(self.active >= 0 ? self.active : 0);
    });
    input.addEventListener("focus", function () {
      bundle("reader").catch(function () {});
      if (input.value.trim()) self.open();
    });
    input.addEventListener("input", function () {
      bundle("reader").catch(function () {});
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.run(); }, DEBOUNCE);
      // Fetch the index chunks for the words so far while the reader is still typing.
      var sent = sentTerms(parse(input.value).terms);
      if (sent.join("").length >= 2 && self.filters().kind !== GUIDE) {
        bundle("reader").then(function (pf) { pf.preload(sent.join(" ")); }).catch(function () {});
      }
    });
    input.addEventListener("keydown", function (e) { self.key(e); });
    this.selects.forEach(function (s) { s.addEventListener("change", function () { self.run(); }); });
    var fieldset = this.selects.length ? this.selects[0].closest("fieldset") : null;
    if (fieldset) {
      ["pointerenter", "touchstart", "focusin"].forEach(function (type) {
        fieldset.addEventListener(type, function () { self.loadFilters(); }, { passive: true });
      });
    }
    this.panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); self.close(); input.focus(); }
    });
    var container = parts.container || this.form || input.parentNode;
    document.addEventListener("click", function (e) {
      if (!container.contains(e.target) && !self.panel.contains(e.target)) self.close();
    });
    container.addEventListener("focusout", function (e) {
      if (e.relatedTarget && !container.contains(e.relatedTarget) && !self.panel.contains(e.relatedTarget)) self.close();
    });
    this.container = container;
  }

  function make(tag, className, parent, before) {
    var el = document.createElement(tag);
    el.className = className;
    if (parent && before) parent.insertBefore(el, before);
    else if (parent) parent.appendChild(el);
    return el;
  }

  Box.prototype.filters = function () {
    var filters = {};
    this.selects.forEach(function (s) { if (s.value) filters[s.name] = s.value; });
    return filters;
  };

  // The filter lists load when the reader reaches for them, not with the query.
  Box.prototype.loadFilters = function () {
    var self = this;
    if (this.filtersLoaded) return;
    this.filtersLoaded = true;
    loadFacets().then(function (choices) {
      if (!choices) { self.filtersLoaded = false; return; }
      self.selects.forEach(function (select) {
        var values = choices[select.name] || [];
        values.forEach(function (pair) {
          var option = document.createElement("option");
          option.value = pair[0];
          option.textContent = pair[1];
          select.appendChild(option);
        });
        select.closest("label").hidden = values.length === 0;
      });
    });
  };

  Box.prototype.open = function () {
    this.panel.hidden = false;
    this.input.setAttribute("aria-expanded", this.list.hidden ? "false" : "true");
  };
  Box.prototype.close = function () {
    this.panel.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.setActive(-1);
  };
  Box.prototype.say = function (text) { this.status.textContent = text; };

  Box.prototype.setActive = function (index) {
    this.items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
    this.active = index;
    if (index >= 0 && this.items[index]) {
      this.input.setAttribute("aria-activedescendant", this.items[index].id);
      this.items[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };
  Box.prototype.go = function (index) {
    var li = this.items[index];
    if (!li) return;
    this.close();
    location.href = li.getAttribute("data-href");
  };
  Box.prototype.key = function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!this.items.length) return;
      e.preventDefault();
      if (this.panel.hidden) this.open();
      var step = e.key === "ArrowDown" ? 1 : -1;
      this.setActive((this.active + step + this.items.length) % this.items.length);
    } else if (e.key === "Enter") {
      if (this.items.length) { e.preventDefault(); this.go(this.active >= 0 ? this.active : 0); }
    } else if (e.key === "Escape") {
      if (!this.panel.hidden) { e.preventDefault(); this.close(); }
      else if (this.input.value) { e.preventDefault(); this.input.value = ""; this.run(); }
    }
  };

  Box.prototype.run = function () {
    var self = this, q = parse(this.input.value), mine = ++this.seq;
    if (!q.text) {
      this.render(null, q);
      this.close();
      return;
    }
    if (sentTerms(q.terms).join("").length < 2) {
      this.render(null, q);
      this.say("Gõ thêm để tìm.");
      this.open();
      return;
    }
    var filters = this.filters();
    find(q, filters).then(function (found) {
      if (mine === self.seq) self.render(found, q, filters);
    }, function () {
      if (mine !== self.seq) return;
      self.render(null, q);
      self.say("Không tải được bộ tìm kiếm. Vui lòng thử lại.");
      self.open();
    });
  };

  Box.prototype.render = function (found, q, filters) {
    var self = this, results = found ? found.results.slice(0, SHOWN) : [];
    this.list.textContent = "";
    this.items = [];
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    results.forEach(function (r, i) { self.items.push(self.list.appendChild(self.item(r, i, q))); });
    this.list.hidden = results.length === 0;
    this.help.hidden = true;
    this.help.textContent = "";
    if (found && !results.length) this.noResults(q, filters);
    else if (found && found.total > results.length) {
      this.say("Hiện " + results.length + " trong " + found.total.toLocaleString("vi-VN") + " kết quả cho “" + q.text +
        "”. Gõ thêm từ hoặc chọn bộ lọc để thu hẹp.");
    } else if (found) this.say(results.length + " kết quả cho “" + q.text + "”.");
    else this.say("");
    if (q.text) this.open();
    // Which query the list shows (tests, benchmark).
    (this.container.closest("[data-bv-search]") || this.input).setAttribute("data-bv-query", q.text);
  };

  Box.prototype.item = function (r, i, q) {
    var self = this;
    var li = document.createElement("li");
    li.id = this.optionId + i;
    li.className = "bv-result";
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.setAttribute("data-href", r.href);
    var head = make("span", "bv-result__head", li);
    var title = make("span", "bv-result__title", head);
    marked(title, r.title.text, 0, r.title.text.length, r.title.words, r.matcher);
    make("span", "bv-result__kind", head).textContent = r.kind;
    if (r.context) make("span", "bv-result__context", li).textContent = r.context;
    var cut = excerpt(r.body, r.at);
    if (cut) {
      var text = make("span", "bv-result__snippet", li);
      if (cut.head) text.appendChild(document.createTextNode("… "));
      marked(text, cut.text, cut.from, cut.to, cut.words, r.matcher);
      if (cut.tail) text.appendChild(document.createTextNode(" …"));
    }
    li.addEventListener("click", function () { self.go(i); });
    li.addEventListener("mousemove", function () { if (self.active !== i) self.setActive(i); });
    return li;
  };

  // Nothing found: say what was searched (and within which filters), offer to clear them, and
  // point to the lists a reader can browse instead.
  Box.prototype.noResults = function (q, filters) {
    var self = this, on = this.selects.filter(function (s) { return s.value; });
    var within = on.map(function (s) {
      var label = s.closest("label").querySelector("span");
      return (label ? label.textContent + ": " : "") + s.options[s.selectedIndex].textContent;
    });
    this.say("Không tìm thấy kết quả nào cho “" + q.text + "”" + (within.length ? " trong " + within.join(", ") : "") + ".");
    var help = this.help;
    if (on.length) {
      var clear = make("button", "bv-search__clear", make("p", "", help));
      clear.type = "button";
      clear.textContent = "Bỏ bộ lọc, tìm lại trong cả trang";
      clear.addEventListener("click", function () {
        on.forEach(function (s) { s.value = ""; });
        self.input.focus();
        self.run();
      });
    }
    var p = make("p", "", help);
    p.appendChild(document.createTextNode("Thử gõ ít từ hơn hoặc một phần của tên, hoặc xem danh sách: "));
    LISTS.forEach(function (pair, i) {
      if (i) p.appendChild(document.createTextNode(i === LISTS.length - 1 ? " và " : ", "));
      var a = make("a", "", p);
      a.href = new URL(pair[0], ROOT).href;
      a.textContent = pair[1];
    });
    p.appendChild(document.createTextNode("."));
    help.hidden = false;
  };

  // -- The boxes of this page ------------------------------------------------------------------
  var header = document.querySelector("[data-bv-search]");
  if (header) {
    header.classList.add("bv-search--ready");
    new Box(header.querySelector("#bv-search-input"), {
      form: header.querySelector("form"),
      panel: header.querySelector("#bv-search-panel"),
      status: header.querySelector("#bv-search-status"),
      list: header.querySelector("#bv-search-results"),
      selects: Array.prototype.slice.call(header.querySelectorAll("select[data-bv-filter]")),
      container: header,
    });
  }
  // The field in a page's content (home page, search page /tim-kiem/, 404 page): its results
  // open under it, in the page; the search page runs the query it was sent (?q=…).
  var home = document.getElementById("bv-home-search");
  if (home) {
    var form = home.form || home.parentNode;
    form.setAttribute("data-bv-search", "page");
    var box = new Box(home, { form: home.form, after: form, container: form });
    document.documentElement.classList.add("bv-search-js");
    var sent = new URLSearchParams(location.search).get("q");
    if (sent && !home.value) {
      home.value = sent;
      box.run();
    }
  }
})();
