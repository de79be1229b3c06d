/* The reader's side of a page: the script switcher keeps the #anchor, and a case page's
   reference gets the reader's access date (GB/T 7714 [引用日期], BibTeX urldate, RIS Y2,
   CSL-JSON accessed) when shown, copied or downloaded; the build itself stays deterministic. */
(function () {
  "use strict";

  // Material's bundle fetches "sitemap.xml" beside every <link rel="alternate"> when the document
  // is ready (to map pages between languages for instant navigation, which this site does not
  // use): for the hreflang (and feed) links, requests to nowhere, and from a preview, to the
  // published host. The links are hidden from it while it looks (this deferred script runs after
  // the bundle has registered its DOMContentLoaded handler, and before the event).
  var alternates = Array.prototype.slice.call(document.querySelectorAll("link[rel=alternate]"));
  alternates.forEach(function (link) { link.rel = "x-case-alternate"; });
  document.addEventListener("DOMContentLoaded", function () {
    alternates.forEach(function (link) { link.rel = "alternate"; });
  }, {once: true});

  // The search core (case-search-core.js, an ES module) for the header box and the results page,
  // which run after this script. Opened from file:// (the offline copy, build_tools/bundle.py) a
  // browser loads no module: there the core is its classic twin, written by the offline build
  // beside it (case-search-core.classic.js, build_tools/outputs/offline.py), which sets
  // window.CaseSearchCore.
  window.caseArchiveCore = function (url) {
    if (location.protocol !== "file:") return import(url.href);
    if (window.CaseSearchCore) return Promise.resolve(window.CaseSearchCore);
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = url.href.replace(/\.js$/, ".classic.js");
      element.onload = function () {
        if (window.CaseSearchCore) resolve(window.CaseSearchCore);
        else reject(new Error("search: " + element.src + " did not load"));
      };
      element.onerror = function () { element.remove(); reject(new Error("search: cannot load " + element.src)); };
      document.head.appendChild(element);
    });
  };

  // a table wider than a phone scrolls in Material's wrapper: reachable by keyboard too
  window.addEventListener("load", function () {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) wrap.tabIndex = 0;
    });
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-case-switch]");
    if (link && location.hash) link.href = link.href.split("#")[0] + location.hash;
  });

  // the not-found page's search field types into the header's search box, which shows the results
  var lost = document.getElementById("case-notfound-input");
  var header = document.getElementById("case-search-input");
  if (lost && header) {
    lost.addEventListener("input", function () {
      header.value = lost.value;
      header.dispatchEvent(new Event("input", {bubbles: true}));
    });
  }

  var cite = document.querySelector("[data-case-cite]");
  if (!cite) return;

  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var parts = [now.getFullYear(), now.getMonth() + 1, now.getDate()];
  var iso = parts[0] + "-" + pad(parts[1]) + "-" + pad(parts[2]);
  var accessed = cite.querySelector("[data-cite-accessed]");
  if (accessed) accessed.textContent = "[" + iso + "]";

  function withAccessDate(label, text) {
    if (label === "BibTeX") return text.replace(/\n\}\s*$/, ",\n\turldate = {" + iso + "}\n}\n");
    if (label === "RIS") return text.replace(/^ER {2}- ?$/m, "Y2  - " + iso.replace(/-/g, "/") + "\nER  - ");
    if (label === "CSL-JSON") {
      var items = JSON.parse(text);
      items.forEach(function (item) { item.accessed = {"date-parts": [parts]}; });
      return JSON.stringify(items, null, 2) + "\n";
    }
    return text;
  }

  function formatText(block) {
    return withAccessDate(block.getAttribute("data-cite-format"), block.textContent);
  }

  function copy(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-done");
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {});
    } else {  // plain http: the older command
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { if (document.execCommand("copy")) done(); } catch (e) { /* nothing to do */ }
      area.remove();
    }
  }

  var main = cite.querySelector("[data-cite-copy]");
  if (main) {
    main.hidden = false;
    main.addEventListener("click", function () {
      copy(cite.querySelector("[data-cite-text]").textContent.trim(), main);
    });
  }
  cite.querySelectorAll("pre[data-cite-format]").forEach(function (block) {
    var box = block.parentNode;
    var download = box.querySelector("[data-cite-download]");
    var copyFormat = box.querySelector("[data-cite-copy-format]");
    download.hidden = copyFormat.hidden = false;
    download.addEventListener("click", function () {
      var blob = new Blob([formatText(block)], {type: download.getAttribute("data-media")});
      var save = document.createElement("a");
      save.href = URL.createObjectURL(blob);
      save.download = download.getAttribute("data-cite-download");
      document.body.appendChild(save);
      save.click();
      save.remove();
      setTimeout(function () { URL.revokeObjectURL(save.href); }, 1000);
    });
    copyFormat.addEventListener("click", function () { copy(formatText(block), copyFormat); });
  });
})();
