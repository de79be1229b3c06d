// Search box for the case archive, on Pagefind's JS API.
//
// Pagefind's Chinese segmentation falls back to single characters, so a query also returns
// pages that merely share its characters (a nonsense word matched 138 pages). We keep only
// results whose text contains every query term as written, checking the best-ranked
// candidates' fragments (bounded, so one search stays small), and build the excerpt ourselves
// from escaped text.
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
    const search = await pf.search(query);
    if (mine !== token) return;
    const candidates = search.results.slice(0, MAX_CANDIDATES);
    const data = await Promise.all(candidates.map((r) => r.data()));
    if (mine !== token) return;
    const hits = data.filter((d) => {
      const text = compact((d.meta.title || "") + d.content);
      return terms.every((t) => text.includes(t));
    }).slice(0, MAX_SHOWN);
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
