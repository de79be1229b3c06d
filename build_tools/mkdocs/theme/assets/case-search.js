// Search box for the case archive, on Pagefind's JS API.
//
// Pagefind's Chinese segmentation has two failure modes: it falls back to single characters,
// so a query also returns pages that merely share its characters (a nonsense word matched 138
// pages), and it may segment a page's text differently from the query, so a page containing
// the whole word can be missed. We therefore (1) search the query and also its two-character
// pieces, merging the candidates (recall), then (2) keep only pages whose text contains every
// query term as written, ranked by how often they occur (precision), loading a bounded number
// of candidate fragments so one search stays small. Excerpts are built from escaped text.
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

  async function load() {
    if (!pagefind) {
      pagefind = await import(new URL(input.dataset.bundle + "pagefind.js", document.baseURI).href);
      await pagefind.init();
    }
    return pagefind;
  }

  async function run(query) {
    const mine = ++token;
    const terms = query.split(/\s+/).filter(Boolean);
    if (!terms.length) { box.hidden = true; box.innerHTML = ""; return; }
    const pf = await load();
    const queries = [query];
    for (const term of terms) {
      if (term.length > 2 && /[\u3400-\u9fff]/.test(term)) {
        for (let i = 0; i + 2 <= term.length; i++) queries.push(term.slice(i, i + 2));
      }
    }
    const searches = await Promise.all([...new Set(queries)].map((q) => pf.search(q)));
    if (mine !== token) return;
    const merged = new Map();
    searches.forEach((search, index) => {
      for (const result of search.results) {
        const rank = (index === 0 ? 1000 : 0) + result.score;  // whole-query matches first
        if (!merged.has(result.id) || merged.get(result.id).rank < rank) merged.set(result.id, { result, rank });
      }
    });
    const candidates = [...merged.values()].sort((a, b) => b.rank - a.rank).slice(0, MAX_CANDIDATES);
    const data = await Promise.all(candidates.map((c) => c.result.data()));
    if (mine !== token) return;
    const count = (text, term) => text.split(term).length - 1;
    const hits = data.map((d) => ({ d, text: compact((d.meta.title || "") + d.content) }))
      .filter(({ text }) => terms.every((t) => text.includes(t)))
      .map(({ d, text }) => ({ d, n: terms.reduce((sum, t) => sum + count(text, t), 0) }))
      .sort((a, b) => b.n - a.n)
      .slice(0, MAX_SHOWN)
      .map(({ d }) => d);
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
