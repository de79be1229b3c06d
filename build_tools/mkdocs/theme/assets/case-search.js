// Header search box (case-archive): the page's part. The search itself (query planning, the
// index files, matching, ranking, a result's Traditional text and its escaped excerpt) is
// case-search-core.js beside this file, which has no DOM and is tested on its own (tests/js/).
//
// Typing searches after a short pause; the first ten results are shown, best first, and a
// "more" button shows ten more. Enter opens the results page (search/?q=…, case-search-page.js). Every text shown comes from the core as escaped HTML. While a
// search runs the results box has aria-busy="true".
(function () {
  "use strict";
  const input = document.getElementById("case-search-input");
  const box = document.getElementById("case-search-results");
  if (!input || !box) return;
  const SHOWN = 10;
  const own = document.currentScript;
  const coreUrl = new URL("case-search-core.js", own && own.src ? own.src : document.baseURI);
  const bundle = new URL(input.dataset.bundle, document.baseURI);  // pagefind/, shared by both scripts
  const siteBase = new URL("..", bundle).pathname;
  const hant = input.dataset.script === "zh-Hant";
  const scriptBase = siteBase + (input.dataset.prefix || "");
  const labels = JSON.parse(input.dataset.labels || "{}");
  let ready = null;  // Promise of {core, index}
  let token = 0;  // the query being shown; an older one's results are dropped
  let cursor = null;
  let hits = [];

  function start() {
    if (!ready) {
      ready = (async () => {
        const core = await window.caseArchiveCore(coreUrl);  // case-archive.js (a classic script from file://)
        return { core, index: await core.openIndex(bundle) };
      })();
      ready.catch(() => { ready = null; });  // try again on the next search
    }
    return ready;
  }

  function href(url) {
    return new URL(scriptBase + url.replace(/^\//, ""), document.baseURI).href;
  }

  function show(core, mine) {
    if (mine !== token) return;
    box.hidden = false;
    if (!hits.length) {
      const text = cursor.plan.searchable ? input.dataset.none : input.dataset.short;
      box.innerHTML = '<p class="case-search__none">' + core.escapeHtml(text) + "</p>";
    } else {
      box.innerHTML = hits.map((hit) => {
        const shown = core.presentHit(hit, cursor.plan, cursor.tables, { hant, labels });
        const badge = shown.deleted ? ' <span class="case-deleted-badge" title="' + core.escapeHtml(shown.deleted) + '">' +
          core.escapeHtml(input.dataset.deleted || "") + "</span>" : "";  // the original is gone
        return '<div class="case-search__hit"><a href="' + core.escapeHtml(href(shown.url)) + '">' + shown.title + badge +
          "</a><p>" + shown.excerpt + "</p></div>";
      }).join("");
    }
    if (!cursor.done) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "case-search__more md-button";
      button.textContent = input.dataset.more;
      button.addEventListener("click", () => {
        button.disabled = true;
        box.setAttribute("aria-busy", "true");
        more(mine).catch(fail(mine));
      });
      box.appendChild(button);
    }
    box.setAttribute("aria-busy", "false");
  }

  async function more(mine) {
    const { core } = await start();
    const found = await cursor.next(SHOWN);
    if (mine !== token) return;
    hits = hits.concat(found);
    show(core, mine);
  }

  async function run(query) {
    const mine = ++token;
    if (!query.trim()) {
      box.hidden = true;
      box.innerHTML = "";
      box.setAttribute("aria-busy", "false");
      return;
    }
    box.setAttribute("aria-busy", "true");
    const { core, index } = await start();
    const next = await index.query(query);
    if (mine !== token) return;
    cursor = next;
    hits = [];
    await more(mine);
  }

  function fail(mine) {
    return (error) => {
      console.error(error);
      if (mine !== token) return;
      box.hidden = false;
      box.textContent = input.dataset.failed || String(error);
      box.setAttribute("aria-busy", "false");
    };
  }

  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    box.setAttribute("aria-busy", "true");
    timer = setTimeout(() => run(input.value).catch(fail(token)), 200);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") box.hidden = true;
    else if (e.key === "Enter" && input.value.trim() && input.dataset.page && !e.isComposing) {
      // the results page (search/?q=…): the count, filters and every result
      e.preventDefault();
      const page = new URL(input.dataset.page, document.baseURI);
      page.search = new URLSearchParams({ q: input.value.trim() }).toString();
      location.assign(page.href);
    }
  });
})();
