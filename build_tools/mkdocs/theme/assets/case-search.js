// Search box for the case archive, on Pagefind's JS API.
//
// Pagefind's Chinese segmentation has two failure modes: it falls back to single characters,
// so a query also returns pages that merely share its characters (a nonsense word matched 138
// pages), and it may segment a page's text differently from the query, so a page containing
// the whole word can be missed. We therefore (1) search the query and, when that gives too few
// pages, also its two-character pieces (recall), then (2) keep only pages whose text contains
// every query term as written, ranked by how often they occur (precision), loading a bounded
// number of candidate fragments. Excerpts are built from escaped text.
//
// A large archive's index is split into shards of about the same size, each a random sample of
// the cases (see build_tools/searchindex.py). Shards are searched one after another until
// MAX_SHOWN pages are found, so a common word costs one shard's index; a "more" button goes on
// with the remaining shards.
(function () {
  "use strict";
  const input = document.getElementById("case-search-input");
  const box = document.getElementById("case-search-results");
  if (!input || !box) return;
  const MAX_CANDIDATES = 20;  // fragments loaded per shard and query, at most
  const MAX_SHOWN = 10;
  const bundle = new URL(input.dataset.bundle, document.baseURI);
  const siteBase = new URL("..", bundle).pathname;
  let manifest = null;
  const shards = new Map();  // shard number -> Pagefind instance (its own module, own index)
  let token = 0;
  let state = null;  // the query being shown: { query, terms, pieces, next shard, hits found, shown }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }
  function compact(text) { return text.replace(/\s+/g, ""); }

  function excerpt(content, term) {
    const at = content.indexOf(term);
    const start = Math.max(0, at - 30);
    const before = content.slice(start, at);
    const after = content.slice(at + term.length, at + term.length + 50);
    return (start > 0 ? "…" : "") + escapeHtml(before) + "<mark>" + escapeHtml(term) + "</mark>" + escapeHtml(after) + "…";
  }

  async function shardCount() {
    if (!manifest) manifest = await fetch(new URL("case-archive.json", bundle)).then((r) => r.json());
    return manifest.pages ? 1 + manifest.shards.length : 0;
  }

  async function shard(number) {
    if (!shards.has(number)) {
      const folder = number === 0 ? bundle : new URL(manifest.shards[number - 1], bundle);
      shards.set(number, (async () => {
        const pf = await import(new URL("pagefind.js", folder).href);
        await pf.options({ basePath: folder.pathname, baseUrl: siteBase });
        await pf.init();
        return pf;
      })());
    }
    return shards.get(number);
  }

  const count = (text, term) => text.split(term).length - 1;

  // One shard: candidates for the whole query (then its pieces, if too few), checked against
  // the fragment text; returns the pages that contain every term, with their counts.
  async function searchShard(pf, terms, query, pieces) {
    const seen = new Map();
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
      const room = Math.max(0, MAX_CANDIDATES - seen.size);
      const candidates = [...fresh.values()].sort((a, b) => b.rank - a.rank).slice(0, room);
      const data = await Promise.all(candidates.map((c) => c.result.data()));
      data.forEach((d, i) => {
        const text = compact((d.meta.title || "") + d.content);
        const ok = terms.every((t) => text.includes(t));
        seen.set(candidates[i].result.id, ok ? { d, n: terms.reduce((sum, t) => sum + count(text, t), 0) } : null);
      });
    }
    await gather([query], 1000);
    const found = () => [...seen.values()].filter(Boolean);
    if (found().length < MAX_SHOWN && pieces.length && seen.size < MAX_CANDIDATES) await gather(pieces, 0);
    return found();
  }

  async function more(mine) {
    const total = await shardCount();
    const wanted = state.shown + MAX_SHOWN;
    while (state.next < total && state.hits.length < wanted) {
      const pf = await shard(state.next);
      const found = await searchShard(pf, state.terms, state.query, state.pieces);
      if (mine !== token) return;
      state.next += 1;
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
    const term = state.terms[0];
    box.innerHTML = hits.map(({ d }) => {
      const content = compact(d.content);
      const url = new URL(d.url, document.baseURI).href;
      return '<div class="case-search__hit"><a href="' + escapeHtml(url) + '">' + escapeHtml(d.meta.title || url) + "</a>" +
        "<p>" + excerpt(content.includes(term) ? content : compact(d.meta.title || ""), term) + "</p></div>";
    }).join("");
    if (state.next < total || state.shown < state.hits.length) {
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
    const terms = query.split(/\s+/).filter(Boolean);
    if (!terms.length) { box.hidden = true; box.innerHTML = ""; return; }
    const pieces = [];
    for (const term of terms) {
      if (term.length > 2 && /[\u3400-\u9fff]/.test(term)) {
        for (let i = 0; i + 2 <= term.length; i++) pieces.push(term.slice(i, i + 2));
      }
    }
    state = { query, terms, pieces: [...new Set(pieces)], next: 0, hits: [], shown: 0 };
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
