// Search box for the case archive, on Pagefind's JS API.
//
// Pagefind's Chinese segmentation has two failure modes: it falls back to single characters,
// so a query also returns pages that merely share its characters (a nonsense word matched 138
// pages), and it may segment a page's text differently from the query, so a page containing
// the whole word can be missed. We therefore (1) search the query and, when that gives too few
// pages, also its two-character pieces (recall), then (2) keep only pages whose text contains
// every query term as written, ranked by how often they occur (precision), loading a bounded
// number of candidate fragments so one search stays small. Excerpts are built from escaped text.
(function () {
  "use strict";
  const input = document.getElementById("case-search-input");
  const box = document.getElementById("case-search-results");
  if (!input || !box) return;
  const MAX_CANDIDATES = 30;
  const MAX_SHOWN = 10;
  let pagefind = null;
  let token = 0;

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

  // The index of a large archive is split into shards (see build_tools/searchindex.py):
  // the bundle's case-archive.json lists the other shards, merged into the first one here.
  // An archive without cases has no bundle: every search then finds nothing.
  const EMPTY = { search: async () => ({ results: [] }) };
  async function load() {
    if (!pagefind) {
      const bundle = new URL(input.dataset.bundle, document.baseURI);
      const loading = import(new URL("pagefind.js", bundle).href).catch((error) => ({ error }));
      const manifest = await fetch(new URL("case-archive.json", bundle)).then((r) => r.json());
      if (!manifest.pages) { pagefind = EMPTY; return pagefind; }
      const pf = await loading;
      if (pf.error) throw pf.error;
      await pf.init();
      const baseUrl = new URL("..", bundle).pathname;
      await Promise.all(manifest.shards.map((shard) => pf.mergeIndex(new URL(shard, bundle).href, { baseUrl })));
      pagefind = pf;
    }
    return pagefind;
  }

  async function run(query) {
    const mine = ++token;
    const terms = query.split(/\s+/).filter(Boolean);
    if (!terms.length) { box.hidden = true; box.innerHTML = ""; return; }
    const pf = await load();
    const pieces = [];
    for (const term of terms) {
      if (term.length > 2 && /[\u3400-\u9fff]/.test(term)) {
        for (let i = 0; i + 2 <= term.length; i++) pieces.push(term.slice(i, i + 2));
      }
    }
    // Whole query first; the two-character pieces (more index chunks to fetch) only when it
    // yields fewer than MAX_SHOWN pages that really contain the query.
    const seen = new Map();
    const count = (text, term) => text.split(term).length - 1;
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
      const room = MAX_CANDIDATES - seen.size;
      const candidates = [...fresh.values()].sort((a, b) => b.rank - a.rank).slice(0, Math.max(0, room));
      const data = await Promise.all(candidates.map((c) => c.result.data()));
      data.forEach((d, i) => {
        const text = compact((d.meta.title || "") + d.content);
        const ok = terms.every((t) => text.includes(t));
        seen.set(candidates[i].result.id, ok ? { d, n: terms.reduce((sum, t) => sum + count(text, t), 0) } : null);
      });
    }
    await gather([query], 1000);
    const found = () => [...seen.values()].filter(Boolean);
    if (mine !== token) return;
    if (found().length < MAX_SHOWN && pieces.length && seen.size < MAX_CANDIDATES) {
      await gather([...new Set(pieces)], 0);
      if (mine !== token) return;
    }
    const hits = found().sort((a, b) => b.n - a.n).slice(0, MAX_SHOWN).map(({ d }) => d);
    box.hidden = false;
    if (!hits.length) {
      box.innerHTML = '<p class="case-search__none">' + escapeHtml(input.dataset.none) + "</p>";
      return;
    }
    box.innerHTML = hits.map((d) => {
      const content = compact(d.content);
      const url = new URL(d.url, document.baseURI).href;
      return '<div class="case-search__hit"><a href="' + escapeHtml(url) + '">' + escapeHtml(d.meta.title || url) + "</a>" +
        "<p>" + excerpt(content.includes(terms[0]) ? content : compact(d.meta.title || ""), terms[0]) + "</p></div>";
    }).join("");
  }

  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value.trim()).catch((e) => { box.hidden = false; box.textContent = String(e); }), 200);
  });
  input.addEventListener("keydown", (e) => { if (e.key === "Escape") { box.hidden = true; } });
})();
