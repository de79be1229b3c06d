// The search results page (search/, build_tools/pages/search.py): the page's part. The search,
// the filters' counts and the URL state are case-search-core.js beside this file (no DOM,
// tested under Node); every text shown comes from it escaped, or is set as text.
//
// State: ?q=…&tag=…&province=…&year=…&source=…&deleted=1|0 (core.readState/writeState). Typing replaces the
// current history entry; a submitted query or a filter adds one, so the back button returns to
// the search before. Keys: "/" focuses the box, Escape in the box clears it, arrow keys move
// between the box and the results, Enter opens the focused result. While a search runs the list
// has aria-busy="true".
(function () {
  "use strict";
  const root = document.getElementById("case-results");
  const header = document.getElementById("case-search-input");
  if (!root || !header) return;
  const texts = JSON.parse(root.dataset.texts || "{}");
  const labels = JSON.parse(root.dataset.labels || "{}");
  const input = document.getElementById("case-results-input");
  const countBox = document.getElementById("case-results-count");
  const list = document.getElementById("case-results-list");
  const facetsBox = document.getElementById("case-results-facets");
  const chosenBox = document.getElementById("case-results-chosen");
  const form = root.querySelector("form");
  const SHOWN = 20;  // results per "more"
  const FEW = 8;  // values a facet shows before "all"
  const own = document.currentScript;
  const coreUrl = new URL("case-search-core.js", own && own.src ? own.src : document.baseURI);
  const bundle = new URL(header.dataset.bundle, document.baseURI);
  const siteBase = new URL("..", bundle).pathname;
  const hant = header.dataset.script === "zh-Hant";
  const scriptBase = siteBase + (header.dataset.prefix || "");
  const wide = window.matchMedia("(min-width: 60em)");
  const open = {};  // facet -> whether its list is open (kept across renders)
  const full = {};  // facet -> whether all its values are shown
  let ready = null;
  let lib = null;  // {core, index, table} once loaded
  let token = 0;
  let state = { q: "", filters: {} };
  let cursor = null;
  let hits = [];

  function start() {
    if (!ready) {
      ready = (async () => {
        const core = await window.caseArchiveCore(coreUrl);  // case-archive.js (a classic script from file://)
        const index = await core.openIndex(bundle);
        const [table] = await Promise.all([index.facets(), index.charTables()]);  // fetched side by side
        lib = { core, index, table };
        return lib;
      })();
      ready.catch(() => { ready = null; });
    }
    return ready;
  }

  const fill = (template, n) => String(template).replace("{n}", String(n));
  const href = (url) => new URL(scriptBase + url.replace(/^\//, ""), document.baseURI).href;

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function valueName(facet, item) {
    if (facet === "deleted") return texts["deleted_" + item.value] || item.name;  // "1" or "0"
    return facet === "year" ? fill(texts.year, item.name) : item.name;
  }

  // Ask for a state: shown now, and written to the URL (`how`: "push", "replace" or null).
  function go(next, how) {
    state = next;
    return start().then(({ core }) => {
      if (how) {
        const url = location.pathname + core.writeState(state) + location.hash;
        if (url !== location.pathname + location.search + location.hash) history[how + "State"](null, "", url);
      }
      return run();
    }).catch(fail);
  }

  async function run() {
    const mine = ++token;
    list.setAttribute("aria-busy", "true");
    if (!state.q.trim()) {
      cursor = null;
      hits = [];
      countBox.textContent = texts.empty;
      list.replaceChildren();
      facetsBox.replaceChildren();
      chosenBox.replaceChildren();
      list.setAttribute("aria-busy", "false");
      return;
    }
    countBox.textContent = texts.loading;
    const { core, index, table } = await start();
    const resolved = core.resolveFilters(state.filters, table);
    const next = await index.query(state.q, { keep: (doc) => core.passes(table, resolved, doc) });
    const found = await next.next(SHOWN);
    await next.total();
    if (mine !== token) return;
    cursor = next;
    hits = found;
    render(core, table, resolved);
  }

  function render(core, table, resolved) {
    const focused = document.activeElement;
    const refocus = focused && focused.dataset && focused.dataset.facet
      ? `[data-facet="${CSS.escape(focused.dataset.facet)}"][data-value="${CSS.escape(focused.dataset.value)}"]` : null;
    renderCount();
    renderChosen(core);
    renderFacets(core, table, resolved);
    renderList(core);
    if (refocus) {
      const again = root.querySelector(refocus);
      if (again) again.focus();
    }
    list.setAttribute("aria-busy", "false");
    if (!performance.getEntriesByName("case-results-first").length) performance.mark("case-results-first");  // bench/run.py
  }

  function renderCount() {
    if (!cursor.plan.searchable) { countBox.textContent = texts.short; return; }
    const total = cursor.count();
    countBox.textContent = total.count === 0 ? texts.none : fill(total.exact ? texts.count : texts.about, total.count);
  }

  function renderChosen(core) {
    chosenBox.replaceChildren();
    const any = core.FACETS.some((f) => state.filters[f]);
    if (!any) return;
    for (const facet of core.FACETS) {
      for (const value of state.filters[facet] || []) {
        const button = element("button", "case-results__chip");
        button.type = "button";
        button.dataset.facet = facet;
        button.dataset.value = value;
        button.dataset.chip = "1";
        const shown = core.resolveFilters({ [facet]: [value] }, lib.table);
        const i = shown.chosen[facet] ? [...shown.chosen[facet]][0] : -1;
        const name = i >= 0 ? lib.table.values[facet][i][hant ? 1 : 0] : value;
        button.setAttribute("aria-label", texts.remove + valueName(facet, { name, value }));
        button.append(element("span", "", valueName(facet, { name, value })), element("span", "case-results__x", "×"));
        button.addEventListener("click", () => go(core.toggled(state, facet, value), "push"));
        chosenBox.append(button);
      }
    }
    const clear = element("button", "case-results__clear", texts.clear);
    clear.type = "button";
    clear.addEventListener("click", () => go({ q: state.q, filters: {} }, "push"));
    chosenBox.append(clear);
  }

  function renderFacets(core, table, resolved) {
    facetsBox.replaceChildren();
    if (!cursor.plan.searchable) return;
    const counts = core.facetCounts(table, resolved, cursor.results());
    for (const facet of core.FACETS) {
      const items = core.facetList(table, resolved, counts, facet, hant);
      if (!items.length) continue;
      const box = element("details", "case-facet");
      box.open = facet in open ? open[facet] : wide.matches;
      box.addEventListener("toggle", () => { open[facet] = box.open; });
      box.append(element("summary", "case-facet__title", texts["facet_" + facet]));
      const ul = element("ul", "case-facet__values");
      const shown = full[facet] ? items : items.filter((item, i) => i < FEW || item.chosen);
      for (const item of shown) {
        const button = element("button", "case-facet__value");
        button.type = "button";
        button.dataset.facet = facet;
        button.dataset.value = item.value;
        button.setAttribute("aria-pressed", item.chosen ? "true" : "false");
        button.append(element("span", "case-facet__name", valueName(facet, item)),
          element("span", "case-facet__count", String(item.count)));
        button.addEventListener("click", () => go(core.toggled(state, facet, item.value), "push"));
        const li = element("li");
        li.append(button);
        ul.append(li);
      }
      box.append(ul);
      if (shown.length < items.length) {
        const all = element("button", "case-facet__all", fill(texts.all, items.length));
        all.type = "button";
        all.addEventListener("click", () => { full[facet] = true; renderFacets(core, table, resolved); });
        box.append(all);
      }
      facetsBox.append(box);
    }
  }

  function renderList(core) {
    list.replaceChildren();
    for (const hit of hits) {
      const shown = core.presentHit(hit, cursor.plan, cursor.tables, { hant, labels, window: [40, 90] });
      const li = element("li", "case-result");
      const link = element("a", "case-result__title");
      link.href = href(shown.url);
      link.innerHTML = shown.title;  // escaped by the core, <mark> around the hits
      li.append(link);
      if (shown.deleted) {  // the original is gone: the badge of the listings (render.py)
        const badge = element("span", "case-deleted-badge case-result__deleted", texts.badge);
        badge.title = texts.badge_title + " " + shown.deleted;
        li.append(" ", badge);
      }
      const meta = element("p", "case-result__meta");
      if (shown.date) meta.append(element("time", "", shown.date));
      if (shown.source) {
        const source = element("span", "case-result__source");
        source.innerHTML = core.escapeHtml(texts.source) + "：" + shown.source;
        meta.append(source);
      }
      li.append(meta);
      if (shown.excerpt) {
        const excerpt = element("p", "case-result__excerpt");
        excerpt.innerHTML = shown.excerpt;
        li.append(excerpt);
      }
      list.append(li);
    }
    const old = root.querySelector(".case-results__more");
    if (old) old.remove();
    if (!cursor.done) {
      const button = element("button", "md-button case-results__more", texts.more);
      button.type = "button";
      button.addEventListener("click", () => more(core, button).catch(fail));
      list.after(button);
    }
  }

  async function more(core, button) {
    const mine = token;
    button.disabled = true;
    list.setAttribute("aria-busy", "true");
    const count = hits.length;
    const found = await cursor.next(SHOWN);
    if (mine !== token) return;
    hits = hits.concat(found);
    renderList(core);
    renderCount();
    list.setAttribute("aria-busy", "false");
    const first = list.querySelectorAll(".case-result__title")[count];
    if (first) first.focus();
  }

  function fail(error) {
    console.error(error);
    countBox.textContent = texts.failed;
    list.setAttribute("aria-busy", "false");
  }

  // -- the box and the keys
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    list.setAttribute("aria-busy", "true");
    timer = setTimeout(() => go({ q: input.value, filters: state.filters }, "replace"), 250);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    go({ q: input.value, filters: state.filters }, "push");
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      clearTimeout(timer);
      input.value = "";
      go({ q: "", filters: {} }, "replace");
    } else if (e.key === "ArrowDown") {
      const first = list.querySelector(".case-result__title");
      if (first) { e.preventDefault(); first.focus(); }
    }
  });
  list.addEventListener("keydown", (e) => {
    const links = [...list.querySelectorAll(".case-result__title")];
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    if (e.key === "ArrowDown" && at + 1 < links.length) { e.preventDefault(); links[at + 1].focus(); }
    else if (e.key === "ArrowUp") { e.preventDefault(); (at ? links[at - 1] : input).focus(); }
    else if (e.key === "Escape") { e.preventDefault(); input.focus(); }
  });
  document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
  window.addEventListener("popstate", () => {
    if (!lib) return;
    const s = lib.core.readState(location.search);
    input.value = s.q;
    go(s, null);
  });

  // first load: the state in the URL
  countBox.textContent = new URLSearchParams(location.search).get("q") ? texts.loading : texts.empty;
  start().then(({ core }) => {
    const s = core.readState(location.search);
    input.value = s.q;
    return go(s, null);
  }, fail);
})();
