// Search box for the case archive, on Pagefind's JS API.
//
// Pagefind's Chinese segmentation has two failure modes: it falls back to single characters,
// so a query also returns pages that merely share its characters (a nonsense word matched 138
// pages), and it may segment a page's text differently from the query, so a page containing
// the whole word can be missed. We therefore (1) search the query, then each of its words alone,
// and when that finds no page in a shard, its two-character pieces (recall), then (2) keep only
// pages whose text contains every query term as written, ranked by how often they occur
// (precision), loading a bounded number of candidate fragments. Excerpts are built from escaped
// text.
//
// A large archive's index is split into shards of about the same size, each a random sample of
// the cases (see build_tools/searchindex.py). Shards are searched one after another until
// MAX_SHOWN pages are found, so a common word costs one shard's index; a "more" button goes on
// with the remaining shards.
//
// There is one index, of the Simplified text, for both scripts. On a Traditional page the query
// is turned into Simplified with a character table; as a character can stay as it is in some
// Simplified words (乾隆, not 干隆), a page matches when it has each term with each such character
// in either form. Each result is shown in Traditional: its Traditional title, and an excerpt
// cut from its Traditional text at the place the Simplified match was found (the two texts are
// aligned character for character; the index stores only where the Traditional text differs
// from the table's rendering, or the whole text otherwise).
(function () {
  "use strict";
  const input = document.getElementById("case-search-input");
  const box = document.getElementById("case-search-results");
  if (!input || !box) return;
  const MAX_CANDIDATES = 20;  // fragments loaded per round (one more shard) and query, at most
  const BATCH = 5;
  const MAX_SHOWN = 10;
  const bundle = new URL(input.dataset.bundle, document.baseURI);
  const siteBase = new URL("..", bundle).pathname;
  const hant = input.dataset.script === "zh-Hant";
  const scriptBase = siteBase + (input.dataset.prefix || "");
  let manifest = null;
  let token = 0;
  let state = null;  // the query being shown: { queries, patterns, words, pieces, next shard, hits found, shown, seen ids }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }
  // the same characters as searchindex.compact (whitespace and Pagefind's zero-width spaces)
  function compact(text) { return text.replace(/[\t\n\v\f\r \u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g, ""); }

  function excerpt(text, at, length) {
    if (at < 0) { at = 0; length = 0; }
    const start = Math.max(0, at - 30);
    const marked = length ? "<mark>" + escapeHtml(text.slice(at, at + length)) + "</mark>" : "";
    return (start > 0 ? "…" : "") + escapeHtml(text.slice(start, at)) + marked + escapeHtml(text.slice(at + length, at + length + 50)) + "…";
  }

  // Traditional pages: the character tables (fetched once, on the first search)
  let tables = null;
  function pairs(text) {
    const chars = Array.from(text);
    const map = new Map();
    for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
    return map;
  }
  async function charTables() {
    if (!tables) {
      tables = fetch(new URL("case-archive-hant.json", bundle)).then((r) => r.json())
        .then((t) => ({ s2t: pairs(t.s2t), t2s: pairs(t.t2s), kept: new Set(Array.from(t.kept || "")) }));
    }
    return tables;
  }
  const through = (map, text) => Array.from(text, (c) => map.get(c) || c).join("");
  const escapeRe = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // a term as a pattern over the Simplified text: on a Traditional page 干 for 幹, and [干乾]
  // for 乾, which the archive's Simplified text also uses as it is (乾隆)
  function pattern(term, t) {
    return Array.from(term, (c) => {
      const s = t && t.t2s.get(c);
      if (!s) return escapeRe(c);
      return t.kept.has(c) ? "[" + escapeRe(s) + escapeRe(c) + "]" : escapeRe(s);
    }).join("");
  }

  // A result's Traditional text, aligned with its compacted Simplified text `s` when the index
  // says so (`n`, `hx`); otherwise the whole Traditional text (`hant`), not aligned.
  function traditional(d, s, t) {
    if (d.meta.hant !== undefined) return { text: compact(d.meta.hant), aligned: false };
    const aligned = s.length >= Number(d.meta.n);  // Pagefind may end the content with a full stop of its own
    const chars = s.split("").map((c) => t.s2t.get(c) || c);
    if (aligned) for (const [at, c] of JSON.parse(d.meta.hx || "[]")) chars[at] = c;
    return { text: chars.join(""), aligned };
  }

  async function shardCount() {
    if (!manifest) manifest = await fetch(new URL("case-archive.json", bundle)).then((r) => r.json());
    return manifest.pages ? 1 + manifest.shards.length : 0;
  }

  // Shards are merged into one Pagefind instance as they are needed (mergeIndex): the merged
  // indexes share the first one's WebAssembly, and chunks already fetched are not fetched again.
  let pagefind = null;
  let merged = 0;  // shards merged so far (the first shard is the instance itself)
  async function upTo(count) {
    if (!pagefind) {
      pagefind = (async () => {
        const pf = await import(new URL("pagefind.js", bundle).href);
        await pf.options({ baseUrl: siteBase });
        await pf.init();
        merged = 1;
        return pf;
      })();
    }
    const pf = await pagefind;
    while (merged < count) {
      await pf.mergeIndex(new URL(manifest.shards[merged - 1], bundle).href, { baseUrl: siteBase });
      merged += 1;
    }
    return pf;
  }

  const count = (text, source) => (text.match(new RegExp(source, "g")) || []).length;

  // One round over the shards merged so far: candidates not seen yet for the whole query (then
  // its words alone, or its pieces if it found nothing), checked against the fragment text. Returns the new
  // pages that contain every term, with their counts, and whether candidates were left for a
  // next round on the same shards (the round stopped at MAX_SHOWN while still finding).
  async function searchRound(pf, patterns, queries, words, pieces, seen) {
    let looked = 0;
    let partial = false;
    async function gather(queries, bonus) {
      const searches = await Promise.all(queries.map((q) => pf.search(q)));
      const fresh = new Map();
      for (const search of searches) {
        for (const result of search.results) {
          if (seen.has(result.id)) continue;
          const rank = bonus + result.score;
          if (!fresh.has(result.id) || fresh.get(result.id).rank < rank) fresh.set(result.id, { result, rank });
        }
      }
      const room = Math.max(0, MAX_CANDIDATES - looked);
      const candidates = [...fresh.values()].sort((a, b) => b.rank - a.rank).slice(0, room);
      // Fragments are fetched a few at a time, best ranked first; a batch without a single
      // real match means the rest are pages that only share characters with the query.
      partial = false;
      for (let start = 0; start < candidates.length; start += BATCH) {
        if (found.length >= MAX_SHOWN) { partial = true; break; }
        const batch = candidates.slice(start, start + BATCH);
        looked += batch.length;
        const data = await Promise.all(batch.map((c) => c.result.data()));
        let hits = 0;
        data.forEach((d, i) => {
          const text = compact((d.meta.title || "") + d.content);
          const ok = patterns.every((p) => new RegExp(p).test(text));
          const hit = ok ? { d, n: patterns.reduce((sum, p) => sum + count(text, p), 0) } : null;
          seen.set(batch[i].result.id, hit);
          if (hit) { found.push(hit); hits += 1; }
        });
        if (!hits) return;
      }
      if (fresh.size > candidates.length) partial = true;
    }
    const found = [];
    await gather(queries, 1000);
    // Pagefind splits the query into words with the browser's segmenter (疫情防控 -> 疫|情|防|控)
    // but split the pages with its own (疫情防控 as one word), so the whole query misses pages;
    // each of the query's words alone finds them (a query word matches an indexed word that
    // begins with it). Those words' index chunks are already loaded; only when the shard has the
    // word at all (else the pieces below), so a word no page has loads no more fragments.
    if (found.length && found.length < MAX_SHOWN && words.length && looked < MAX_CANDIDATES) await gather(words, 500);
    // the pieces cost one more index chunk each, per shard: only when the whole query found nothing
    if (!found.length && pieces.length && looked < MAX_CANDIDATES) await gather(pieces, 0);
    return { found, partial };
  }

  async function more(mine) {
    const total = await shardCount();
    const wanted = state.shown + MAX_SHOWN;
    while ((state.partial || state.next < total) && state.hits.length < wanted) {
      const pf = await upTo(state.partial ? merged : state.next + 1);
      const { found, partial } = await searchRound(pf, state.patterns, state.queries, state.words, state.pieces, state.seen);
      if (mine !== token) return;
      state.partial = partial;
      state.next = merged;
      state.hits.push(...found.sort((a, b) => b.n - a.n));
    }
    state.shown = Math.min(state.hits.length, wanted);
    show(total);
  }

  function show(total) {
    box.hidden = false;
    const hits = state.hits.slice(0, state.shown);
    if (!hits.length && state.next >= total) {
      box.innerHTML = '<p class="case-search__none">' + escapeHtml(input.dataset.none) + "</p>";
      return;
    }
    const first = new RegExp(state.patterns[0]);
    box.innerHTML = hits.map(({ d }) => {
      const content = compact(d.content);  // the index's content starts with the title
      const path = d.url.startsWith(siteBase) ? scriptBase + d.url.slice(siteBase.length) : d.url;
      const url = new URL(path, document.baseURI).href;
      let title = d.meta.title || url;
      let text = content;
      const match = content.match(first);
      let at = match ? match.index : -1;
      let length = match ? match[0].length : 0;
      if (hant) {
        title = d.meta.hant_title || title;
        const t = traditional(d, content, state.tables);
        text = t.text;
        if (!t.aligned) {  // find what the reader typed; else show the beginning
          at = text.indexOf(state.typed[0]);
          length = state.typed[0].length;
        }
      }
      return '<div class="case-search__hit"><a href="' + escapeHtml(url) + '">' + escapeHtml(title) + "</a>" +
        "<p>" + excerpt(text, at, length) + "</p></div>";
    }).join("");
    if (state.next < total || state.partial || state.shown < state.hits.length) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "case-search__more md-button";
      button.textContent = input.dataset.more;
      button.addEventListener("click", () => { button.disabled = true; more(token).catch(fail); });
      box.appendChild(button);
    }
  }

  async function run(query) {
    const mine = ++token;
    const typed = query.split(/\s+/).filter(Boolean);
    if (!typed.length) { box.hidden = true; box.innerHTML = ""; return; }
    // the index holds Simplified text: a Traditional page's query is converted first
    const t = hant ? await charTables() : null;
    if (mine !== token) return;
    const terms = t ? typed.map((term) => through(t.t2s, term)) : typed;
    // the query as converted, and with the characters the Simplified text also keeps as typed
    const queries = [terms.join(" ")];
    if (t && Array.from(query).some((c) => t.kept.has(c))) {
      queries.push(typed.map((term) => Array.from(term, (c) => (t.kept.has(c) ? c : t.t2s.get(c) || c)).join("")).join(" "));
    }
    // Split as Pagefind splits the query (the browser's segmenter, in the page's language).
    const segmenter = typeof Intl.Segmenter === "function"
      ? new Intl.Segmenter(document.documentElement.lang || "zh", { granularity: "word" }) : null;
    const split = (text) => [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
    const words = [];
    const pieces = [];
    for (const q of queries) {
      const parts = segmenter ? split(q) : [];
      if (parts.length > 1) words.push(...parts);
    }
    for (const term of terms) {
      if (term.length > 2 && /[\u3400-\u9fff]/.test(term)) {
        for (let i = 0; i + 2 <= term.length; i++) {
          // a piece the segmenter splits (江市 -> 江|市) would fetch the chunks of very common
          // one-character words in every shard: only pieces that are words themselves (晋江)
          const piece = term.slice(i, i + 2);
          if (!segmenter || split(piece).length === 1) pieces.push(piece);
        }
      }
    }
    state = { queries, patterns: typed.map((term) => pattern(term, t)), typed, tables: t, words: [...new Set(words)], pieces: [...new Set(pieces)], next: Math.max(0, merged - 1), hits: [], shown: 0, seen: new Map(), partial: false };
    await more(mine);
  }

  function fail(e) { box.hidden = false; box.textContent = String(e); }

  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value.trim()).catch(fail), 200);
  });
  input.addEventListener("keydown", (e) => { if (e.key === "Escape") { box.hidden = true; } });
})();
