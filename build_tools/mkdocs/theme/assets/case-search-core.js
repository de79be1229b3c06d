// The case archive's search, without the page: query planning, the index files, matching,
// ranking, the Traditional text of a result, and the results page's filters (facets) and URL
// state. case-search.js (the header box) and case-search-page.js (the results page, /search/)
// use it in the browser; tests/js/ runs it under Node. The files it reads are written by
// build_tools/searchindex.py, whose docstring states what a query finds; the text rules both
// sides apply (whitespace, folding) come from that stage, in the manifest.
//
// A query is split at whitespace into terms. A two-character term's pair, or a longer term's
// overlapping triples of characters, are looked up in the postings (a Traditional character is
// read as its Simplified form, and a character the Simplified text keeps as it is also as
// itself), the lists are intersected, and each
// candidate is checked against its real text, fetched from its fragment. Candidates are checked
// in order of relevance (0: the title has every term; 1: each term is in the title or is a whole
// name, such as an author, the source, a region or a tag; 2: elsewhere), then by number (newest
// first); the postings give each candidate a tier it cannot beat, so a result is shown only when
// nothing unchecked could come before it.

export const FORMAT = 1;
const PAIR = 0;  // kinds of postings keys (build_tools/searchindex.py): two characters,
const NAME = 1;  // a whole name,
const TRIPLE = 2;  // three characters
const EMPTY = new Uint32Array(0);

// ---------------------------------------------------------------- text

// The text rules: `space` (code point ranges ignored when comparing) and `fold` ([first, last,
// offset] applied in order), as build_tools/searchindex.py `rules` writes them.
export function textRules(rules) {
  const space = rules.space.map(([a, b]) => [a, b]);
  const fold = rules.fold.map(([a, b, d]) => [a, b, d]);
  function isSpace(code) {
    for (const [a, b] of space) if (code >= a && code <= b) return true;
    return false;
  }
  function foldChar(char) {
    let code = char.codePointAt(0);
    let changed = false;
    for (const [a, b, d] of fold) if (code >= a && code <= b) { code += d; changed = true; }
    return changed ? String.fromCodePoint(code) : char;
  }
  // A text as it is compared: `chars` its characters without whitespace, folded; `at` each
  // one's index in `orig`, the text's characters (code points, so an astral character is one).
  function normalize(text) {
    const orig = Array.from(text || "");
    const chars = [];
    const at = [];
    orig.forEach((c, i) => {
      if (!isSpace(c.codePointAt(0))) { chars.push(foldChar(c)); at.push(i); }
    });
    return { orig, chars, at };
  }
  return { isSpace, foldChar, normalize };
}

// The character tables (searchindex.py `Tables`): strings of pairs, and `kept`.
export function charTables(json) {
  const pairs = (text) => {
    const chars = Array.from(text || "");
    const map = new Map();
    for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
    return map;
  };
  return { s2t: pairs(json.s2t), t2s: pairs(json.t2s), kept: new Set(Array.from(json.kept || "")) };
}

// What a typed character may stand for in the Simplified text.
export function alternatives(char, tables) {
  const simplified = tables.t2s.get(char);
  if (!simplified) return [char];
  return tables.kept.has(char) ? [simplified, char] : [simplified];
}

// The plan of a query: its terms (each once), and whether any can be looked up (two characters).
export function planQuery(query, rules, tables) {
  const seen = new Set();
  const terms = [];
  const words = [];
  let word = "";
  for (const c of query || "") {
    if (rules.isSpace(c.codePointAt(0))) { if (word) words.push(word); word = ""; } else word += c;
  }
  if (word) words.push(word);
  for (const typed of words) {
    const chars = rules.normalize(typed).chars;
    const key = chars.join("");
    if (!chars.length || seen.has(key)) continue;
    seen.add(key);
    const alts = chars.map((c) => alternatives(c, tables));
    // the keys to look up: a two-character term's pair, a longer term's triples; at each
    // position every combination of the characters' alternatives
    const width = chars.length === 2 ? 2 : 3;
    const keys = [];
    for (let i = 0; i + width <= chars.length && chars.length >= 2; i++) {
      let here = [""];
      for (let k = 0; k < width; k++) here = here.flatMap((prefix) => alts[i + k].map((c) => prefix + c));
      keys.push([...new Set(here)].sort());
    }
    terms.push({
      typed, chars, alts: alts.map((a) => new Set(a)), kind: width === 2 ? PAIR : TRIPLE, keys,
      canon: chars.map((c) => tables.t2s.get(c) || c),
    });
  }
  // exact: the postings alone decide which cases match (every term is two or three characters:
  // its pair or triple is a key); otherwise candidates may turn out not to match when checked
  const exact = terms.length > 0 && terms.every((t) => t.chars.length === 2 || t.chars.length === 3);
  return { terms, searchable: terms.some((t) => t.chars.length >= 2), exact };
}

// Where `term` starts in `chars` (normalised characters): read in Simplified (`alts`), or as
// typed when `literal`; -1 when it does not occur. `whole`: only the whole of `chars`.
export function find(chars, term, literal = false, whole = false) {
  const n = term.chars.length;
  const last = whole ? 0 : chars.length - n;
  if (whole && chars.length !== n) return -1;
  outer: for (let i = 0; i <= last; i++) {
    for (let k = 0; k < n; k++) {
      const c = chars[i + k];
      if (literal ? c !== term.chars[k] : !term.alts[k].has(c)) continue outer;
    }
    return i;
  }
  return -1;
}

// A field's Traditional text from what the fragment carries (searchindex.py `_hant_form`).
export function hantText(simplified, carried, tables) {
  if (typeof carried === "string") return carried;
  const chars = Array.from(simplified, (c) => tables.s2t.get(c) || c);
  if (Array.isArray(carried)) for (const [at, c] of carried) chars[at] = c;
  return chars.join("");
}

// A case's fields, ready to match: kind, both scripts' texts normalised, a credit's role.
export function caseFields(data, rules, tables) {
  return data.f.map(([kind, hans, carried, role, hantRole]) => {
    const hant = hantText(hans, carried, tables);
    return { kind, hans: rules.normalize(hans), hant: rules.normalize(hant), role: role ? [role, hantRole] : null };
  });
}

const NAME_KINDS = "oacrg";

function fieldHas(field, term) {
  return find(field.hans.chars, term) >= 0 || find(field.hant.chars, term, true) >= 0;
}

function fieldIs(field, term) {
  return find(field.hans.chars, term, false, true) >= 0 || find(field.hant.chars, term, true, true) >= 0;
}

// Whether a case matches the plan, and its tier (0 title, 1 title or whole name, 2 elsewhere):
// null when some term is in none of its fields.
export function matchCase(fields, plan) {
  let tier = 0;
  for (const term of plan.terms) {
    let best = 3;
    for (const field of fields) {
      if (field.kind === "t" ? fieldHas(field, term) : (NAME_KINDS.includes(field.kind) && fieldIs(field, term))) {
        best = field.kind === "t" ? 0 : Math.min(best, 1);
      } else if (best > 2 && fieldHas(field, term)) best = 2;
      if (best === 0) break;
    }
    if (best === 3) return null;
    tier = Math.max(tier, best);
  }
  return tier;
}

// Where the terms are in a text shown to the reader (either script): spans [start, end) of its
// characters, found on the text and the terms both read in Simplified. A term that is not
// there (a match found only in the other script's text) is simply not marked.
export function spans(shown, plan, tables) {
  const canon = shown.chars.map((c) => tables.t2s.get(c) || c);
  const out = [];
  for (const term of plan.terms) {
    const n = term.canon.length;
    for (let i = 0; i + n <= canon.length; i++) {
      let k = 0;
      while (k < n && canon[i + k] === term.canon[k]) k++;
      if (k === n) { out.push([shown.at[i], shown.at[i + n - 1] + 1]); i += n - 1; }
    }
  }
  out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]); else merged.push(s.slice());
  }
  return merged;
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// Escaped HTML of `chars` (characters) with the spans marked; `window` cuts it around the first
// span (characters before and after), with ellipses where it is cut.
export function marked(chars, found, window = null) {
  let start = 0;
  let end = chars.length;
  if (window) {
    const first = found.length ? found[0][0] : 0;
    start = Math.max(0, first - window[0]);
    end = Math.min(chars.length, Math.max(found.length ? found[0][1] : 0, first) + window[1]);
  }
  let html = start > 0 ? "…" : "";
  let at = start;
  for (const [a, b] of found) {
    if (b <= start || a >= end) continue;
    const from = Math.max(a, start);
    const to = Math.min(b, end);
    html += escapeHtml(chars.slice(at, from).join("")) + "<mark>" + escapeHtml(chars.slice(from, to).join("")) + "</mark>";
    at = to;
  }
  html += escapeHtml(chars.slice(at, end).join(""));
  return html + (end < chars.length ? "…" : "");
}

// What a result shows, in the page's script (`hant`): its title and one excerpt, each escaped
// HTML with the terms marked. The excerpt is a field other than the title that has a term: a
// name equal to a term (with its label: `labels` by kind, a credit's role), else a paragraph,
// else another metadata field; without any, the beginning of the text. `deleted`: the day the
// original was found gone ("" if it was not).
export function presentHit(hit, plan, tables, { hant = false, labels = {}, window = [30, 60] } = {}) {
  const fields = hit.fields;
  const shown = (f) => (hant ? f.hant : f.hans);
  const title = fields.find((f) => f.kind === "t");
  const titleSpans = title ? spans(shown(title), plan, tables) : [];
  let excerpt = "";
  const rest = fields.filter((f) => f.kind !== "t");
  const hitField = rest.find((f) => NAME_KINDS.includes(f.kind) && plan.terms.some((t) => fieldIs(f, t))) ||
    rest.find((f) => f.kind === "p" && plan.terms.some((t) => fieldHas(f, t))) ||
    rest.find((f) => plan.terms.some((t) => fieldHas(f, t)));
  const field = hitField || fields.find((f) => f.kind === "p");
  if (field) {
    const text = shown(field);
    const found = hitField ? spans(text, plan, tables) : [];
    const label = field.role ? field.role[hant ? 1 : 0] : labels[field.kind];
    excerpt = (label ? escapeHtml(label) + "：" : "") + marked(text.orig, found, field.kind === "p" ? window : null);
  }
  const source = fields.find((f) => f.kind === "o");
  return {
    url: hit.url, date: hit.data.d || "", tier: hit.tier, deleted: hit.data.x || "",
    title: title ? marked(shown(title).orig, titleSpans) : escapeHtml(hit.url),
    excerpt, source: source ? escapeHtml(shown(source).orig.join("")) : "",
  };
}

// ---------------------------------------------------------------- the results page: filters, state

// The facets a search can be narrowed by, as named in the page's URL (?q=…&tag=…&province=…
// &year=…&source=…&deleted=1|0), in the order shown. Within a facet whose cases have one value
// (province, year, source, deleted) choosing several values keeps the cases having any of them;
// tags, of which a case has several, keep the cases having every chosen tag. Different facets
// combine: all must hold. `deleted` is whether the case's original is gone: "1" it is, "0" not.
export const FACETS = ["tag", "province", "year", "source", "deleted"];
const EVERY = new Set(["tag"]);  // facets whose chosen values must all be present

// The facet table (searchindex.py `facet_table`): per facet its values ([Simplified,
// Traditional]; a year is one text for both) and one column over the case numbers. Whether a
// case's original is gone is a bit per case in hex in the file (`deleted`: case n is bit n % 4 of
// character n >> 2); here it becomes a column like the others, over the values "1" (gone) and "0".
export function facetTable(json) {
  const values = {};
  const docs = {};
  for (const f of FACETS) {
    values[f] = ((json && json.values && json.values[f]) || []).map((v) => (Array.isArray(v) ? v : [v, v]));
    docs[f] = (json && json.docs && json.docs[f]) || [];
  }
  const bits = (json && json.deleted) || "";
  values.deleted = [["1", "1"], ["0", "0"]];
  docs.deleted = docs.tag.map((_, doc) => ((parseInt(bits[doc >> 2] || "0", 16) >> (doc & 3)) & 1 ? 0 : 1));
  return { values, docs };
}

// The value indices case `doc` has for `facet`.
export function docValues(table, facet, doc) {
  const v = table.docs[facet][doc];
  if (Array.isArray(v)) return v;
  return v === undefined || v < 0 ? [] : [v];
}

// A results page's state from its query string: the query `q` and per facet the chosen values
// (as written in the URL: names in either script, years as digits).
export function readState(search) {
  const params = new URLSearchParams(search || "");
  const filters = {};
  for (const f of FACETS) {
    const chosen = [...new Set(params.getAll(f).map((v) => v.trim()).filter(Boolean))];
    if (chosen.length) filters[f] = chosen;
  }
  return { q: params.get("q") || "", filters };
}

// The query string of a state: q first, facets in FACETS order, each facet's values sorted, so
// that a search has one URL ("" for an empty state).
export function writeState(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const f of FACETS) for (const v of [...((state.filters || {})[f] || [])].sort()) params.append(f, v);
  const text = params.toString();
  return text ? "?" + text : "";
}

// The chosen values resolved against the table: `chosen` per facet a Set of value indices (a
// name matches in either script); `unknown` the values no case has (shown, counting 0).
export function resolveFilters(filters, table) {
  const chosen = {};
  const unknown = {};
  for (const f of FACETS) {
    for (const name of (filters || {})[f] || []) {
      const i = table.values[f].findIndex((v) => v[0] === name || v[1] === name);
      if (i >= 0) (chosen[f] = chosen[f] || new Set()).add(i);
      else (unknown[f] = unknown[f] || []).push(name);
    }
  }
  return { chosen, unknown };
}

// Whether case `doc` satisfies the choice made for `facet` (no choice: it does). A facet with an
// unknown value keeps nothing.
export function passesFacet(table, resolved, facet, doc) {
  const unknown = resolved.unknown[facet];
  const chosen = resolved.chosen[facet];
  if (!chosen && !unknown) return true;
  if (unknown && unknown.length && EVERY.has(facet)) return false;
  const has = docValues(table, facet, doc);
  if (EVERY.has(facet)) return [...chosen].every((v) => has.includes(v));
  return !!chosen && has.some((v) => chosen.has(v));
}

export function passes(table, resolved, doc) {
  return FACETS.every((f) => passesFacet(table, resolved, f, doc));
}

// How many of `docs` (the results before filtering) each facet value would keep: a value of a
// one-value facet counts the cases that pass the other facets' choices (choosing it adds its
// cases to that facet's choice); a tag counts the cases that pass every choice and have it too.
// Returns per facet a Map of value index -> count.
export function facetCounts(table, resolved, docs) {
  const counts = {};
  for (const f of FACETS) counts[f] = new Map();
  for (const doc of docs) {
    let failed = null;
    let failures = 0;
    for (const f of FACETS) {
      if (!passesFacet(table, resolved, f, doc)) { failures++; failed = f; }
    }
    if (failures > 1) continue;
    for (const f of FACETS) {
      if (failures === 1 && (f !== failed || EVERY.has(f))) continue;
      for (const v of docValues(table, f, doc)) counts[f].set(v, (counts[f].get(v) || 0) + 1);
    }
  }
  return counts;
}

// What a facet's list shows: the values that some result has, and the chosen ones (an unknown
// chosen value too, counting 0), each {name (in the page's script), value (for the URL: the
// Simplified name, or the year), count, chosen}; most results first (years newest first, deleted
// before not), then by name. The deleted facet is left out while no result is deleted and it
// is not chosen (it would narrow nothing).
export function facetList(table, resolved, counts, facet, hant = false) {
  const chosen = resolved.chosen[facet] || new Set();
  const out = [];
  table.values[facet].forEach((v, i) => {
    const count = counts[facet].get(i) || 0;
    if (count || chosen.has(i)) out.push({ name: v[hant ? 1 : 0], value: v[0], count, chosen: chosen.has(i) });
  });
  for (const name of resolved.unknown[facet] || []) out.push({ name, value: name, count: 0, chosen: true });
  if (facet === "deleted" && !out.some((item) => item.chosen || (item.value === "1" && item.count))) return [];
  if (facet === "year" || facet === "deleted") out.sort((a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0));
  else out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return out;
}

// A state with one facet value chosen or unchosen (`value` as in facetList).
export function toggled(state, facet, value) {
  const filters = {};
  for (const f of FACETS) if (state.filters[f]) filters[f] = [...state.filters[f]];
  const list = filters[facet] || [];
  filters[facet] = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  if (!filters[facet].length) delete filters[facet];
  return { q: state.q, filters };
}

// ---------------------------------------------------------------- index files

const CRC = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

// The postings file of a key (searchindex.py `bucket_of`: CRC-32 of the kind byte and the key's UTF-8).
export function bucketOf(kind, key, buckets) {
  let crc = 0xFFFFFFFF;
  const bytes = [kind, ...new TextEncoder().encode(key)];
  for (const b of bytes) crc = CRC[(crc ^ b) & 0xFF] ^ (crc >>> 8);
  return ((crc ^ 0xFFFFFFFF) >>> 0) % buckets;
}

function readVarint(bytes, state) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[state.i++];
    if (b === undefined) throw new Error("search index: truncated file");
    value += (b & 0x7F) * 2 ** shift;
    if (b < 0x80) return value;
    shift += 7;
  }
}

function readList(bytes, state) {
  const n = readVarint(bytes, state);
  const out = new Uint32Array(n);
  let prev = -1;
  for (let k = 0; k < n; k++) { prev += readVarint(bytes, state); out[k] = prev; }
  return out;
}

// A postings file: Map of kind + key -> {docs, title} (searchindex.py `postings`).
export function parseBucket(bytes) {
  const decoder = new TextDecoder();
  const map = new Map();
  const state = { i: 0 };
  while (state.i < bytes.length) {
    const kind = bytes[state.i++];
    const length = readVarint(bytes, state);
    const key = decoder.decode(bytes.subarray(state.i, state.i + length));
    state.i += length;
    const docs = readList(bytes, state);
    const title = kind === NAME ? EMPTY : readList(bytes, state);
    map.set(kind + key, { docs, title });
  }
  return map;
}

export function union(lists) {
  lists = lists.filter((l) => l.length);
  if (lists.length <= 1) return lists[0] || EMPTY;
  const all = new Uint32Array(lists.reduce((n, l) => n + l.length, 0));
  let n = 0;
  for (const l of lists) { all.set(l, n); n += l.length; }
  all.sort();
  let k = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[k++] = all[i];
  return all.subarray(0, k);
}

export function intersect(a, b) {
  if (a.length > b.length) [a, b] = [b, a];
  const out = new Uint32Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    while (j < b.length && b[j] < x) j++;
    if (j === b.length) break;
    if (b[j] === x) out[n++] = x;
  }
  return out.subarray(0, n);
}

function has(sorted, x) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === x;
}

export async function gunzip(bytes) {
  if (bytes[0] !== 0x1F || bytes[1] !== 0x8B) return bytes;  // a host may have decompressed it already
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// ---------------------------------------------------------------- the search

// `load(path)`: the bytes of a file under the bundle folder (pagefind/), as a Uint8Array.
// `manifest`: case-archive.json. Files are fetched once and kept.
/** The index of a site's search bundle (the pagefind/ folder's URL): its manifest, and every other
 * file fetched when a search needs it. Shared by the header box and the results page. Opened from
 * file:// (the offline copy, build_tools/bundle.py), where fetch() fails, each file is read from
 * its script twin instead (`scriptLoader`). */
export async function openIndex(bundle) {
  const load = new URL(bundle).protocol === "file:" ? scriptLoader(bundle) : (path) => fetch(new URL(path, bundle)).then((response) => {
    if (!response.ok) throw new Error(`${response.status} ${response.url}`);
    return response.arrayBuffer();
  }).then((buffer) => new Uint8Array(buffer));
  const manifest = JSON.parse(new TextDecoder().decode(await load("case-archive.json")));
  return new Index({ manifest, load });
}

// The offline copy's loader: beside each index file X the bundle build writes X.js, a classic
// script (which a browser runs from file://, where fetch() and modules fail) that stores the
// file's bytes, base64, as `window.caseArchiveFiles[X]` (build_tools/outputs/offline.py).
export function scriptLoader(bundle) {
  return (path) => new Promise((resolve, reject) => {
    const element = document.createElement("script");
    element.src = new URL(path + ".js", bundle).href;
    element.onload = () => {
      element.remove();
      const files = window.caseArchiveFiles || {};
      const text = files[path];
      delete files[path];
      if (typeof text !== "string") { reject(new Error(`search index: ${path}.js holds no file`)); return; }
      const binary = atob(text);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      resolve(bytes);
    };
    element.onerror = () => { element.remove(); reject(new Error(`search index: cannot load ${element.src}`)); };
    document.head.appendChild(element);
  });
}

export class Index {
  constructor({ manifest, load }) {
    const search = manifest.search || null;
    if (manifest.pages && (!search || search.format !== FORMAT)) {
      throw new Error("search index: this page's script does not match the index (reload the page)");
    }
    this.search = search || { cases: 0, buckets: 1, chunk: 128, rules: { space: [], fold: [] } };
    this.rules = textRules(this.search.rules);
    this.fetch = load;
    this.files = new Map();
    this.tables = null;
  }

  file(path, parse) {
    if (!this.files.has(path)) {
      const loaded = this.fetch(path).then(gunzip).then(parse);
      loaded.catch(() => this.files.delete(path));  // fetched again next time
      this.files.set(path, loaded);
    }
    return this.files.get(path);
  }

  async charTables() {
    if (!this.tables) {
      this.tables = this.search.cases
        ? this.file("case-archive/tables.bin", (b) => charTables(JSON.parse(new TextDecoder().decode(b))))
        : Promise.resolve(charTables({}));
    }
    return this.tables;
  }

  async entry(kind, key) {
    const bucket = await this.file(`case-archive/k/${bucketOf(kind, key, this.search.buckets)}.bin`, parseBucket);
    return bucket.get(kind + key) || { docs: EMPTY, title: EMPTY };
  }

  async fragment(doc) {
    const chunk = await this.file(`case-archive/d/${Math.floor(doc / this.search.chunk)}.bin`,
      (b) => JSON.parse(new TextDecoder().decode(b)));
    return this.file(chunk[doc % this.search.chunk] + ".pf_fragment", (b) => {
      const text = new TextDecoder().decode(b);
      const fragment = JSON.parse(text.slice(text.indexOf("{")));
      return { url: fragment.url, data: JSON.parse(fragment.meta.c) };
    });
  }

  // The facet table (facetTable), for the results page.
  async facets() {
    if (!this.search.cases || !this.search.facets) return facetTable(null);
    return this.file(this.search.facets, (b) => facetTable(JSON.parse(new TextDecoder().decode(b))));
  }

  // A cursor over the results of `query`, best first; `keep(doc)`, when given, narrows them
  // (the results page's filters).
  async query(query, { keep = null } = {}) {
    const tables = await this.charTables();
    const plan = planQuery(query, this.rules, tables);
    return new Cursor(this, plan, tables, keep);
  }
}

// Candidates of one term: the cases having, at each position, one of its keys; those having
// them in the title; those having it as a whole name.
async function termCandidates(index, term) {
  const positions = await Promise.all(term.keys.map(async (keys) => {
    const entries = await Promise.all(keys.map((k) => index.entry(term.kind, k)));
    return { docs: union(entries.map((e) => e.docs)), title: union(entries.map((e) => e.title)) };
  }));
  let docs = positions[0].docs;
  let title = positions[0].title;
  for (const p of positions.slice(1)) { docs = intersect(docs, p.docs); title = intersect(title, p.title); }
  const names = (await index.entry(NAME, term.canon.join(""))).docs;
  return { docs, title, names };
}

export class Cursor {
  constructor(index, plan, tables, keep = null) {
    this.index = index;
    this.plan = plan;
    this.tables = tables;
    this.keep = keep;
    this.queues = null;  // [tier 0, 1, 2]: {doc, tier, hit} sorted by doc; a hit is checked
    this.done = !plan.searchable || !index.search.cases;
    this.checked = 0;  // fragments fetched
    this.matched = EMPTY;  // the candidates, before `keep`
    this.rejected = new Set();  // candidates found not to match when checked
    this.kept = 0;  // candidates that `keep` keeps
    this.unchecked = 0;  // of those, not checked yet
  }

  // How many results there are (with `keep`): {count, exact}. Exact when the plan is (the
  // postings decide) or every candidate has been checked; otherwise at most `count`.
  async total() {
    if (!this.queues && !this.done) await this.start();
    return this.count();
  }

  // The same, once started (or done).
  count() {
    return { count: this.kept - this.rejected.size, exact: this.plan.exact || this.unchecked === 0 };
  }

  // The candidates before `keep`, less those found not to match (what the filters count).
  results() {
    return this.rejected.size ? this.matched.filter((d) => !this.rejected.has(d)) : this.matched;
  }

  async start() {
    const long = this.plan.terms.filter((t) => t.chars.length >= 2);
    const found = await Promise.all(long.map((t) => termCandidates(this.index, t)));
    let docs = found[0].docs;
    for (const f of found.slice(1)) docs = intersect(docs, f.docs);
    this.matched = docs;
    if (this.keep) docs = docs.filter(this.keep);
    this.kept = this.unchecked = docs.length;
    this.queues = [[], [], []];
    for (const doc of docs) {
      let tier = found.every((f) => has(f.title, doc)) ? 0 : 2;
      if (tier && found.every((f) => has(f.title, doc) || has(f.names, doc))) tier = 1;
      this.queues[tier].push({ doc, tier, hit: null });
    }
    this.candidates = docs.length;
  }

  // Up to `count` more results, in order; fewer when there are no more (then `done`).
  async next(count) {
    if (this.done) return [];
    if (!this.queues) await this.start();
    const out = [];
    while (out.length < count) {
      const q = this.queues.find((queue) => queue.length);
      if (!q) { this.done = true; break; }
      if (q[0].hit) { out.push(q.shift().hit); continue; }
      await this.check(Math.min(Math.max(12, count), Math.max(4, count - out.length)));  // one round for a page
    }
    if (!this.queues.some((queue) => queue.length)) this.done = true;
    return out;
  }

  // Fetch and check the next `batch` unchecked candidates, in order: a match goes to the queue
  // of its tier, checked; the others are dropped.
  async check(batch) {
    const picked = [];
    for (const queue of this.queues) {
      for (const item of queue) {
        if (!item.hit) picked.push(item);
        if (picked.length >= batch) break;
      }
      if (picked.length >= batch) break;
    }
    const fragments = await Promise.all(picked.map((item) => this.index.fragment(item.doc)));
    this.checked += picked.length;
    this.unchecked -= picked.length;
    picked.forEach((item, i) => {
      const queue = this.queues[item.tier];
      queue.splice(queue.indexOf(item), 1);
      const { url, data } = fragments[i];
      const fields = caseFields(data, this.index.rules, this.tables);
      const tier = matchCase(fields, this.plan);
      if (tier === null) { this.rejected.add(item.doc); return; }
      item.tier = tier;
      item.hit = { doc: item.doc, url, data, fields, tier };
      const target = this.queues[tier];
      let at = target.length;
      while (at > 0 && target[at - 1].doc > item.doc) at--;
      target.splice(at, 0, item);
    });
  }

  // Every result (for tests and the recall script: this fetches every candidate's fragment).
  async all() {
    const out = [];
    for (;;) {
      const more = await this.next(50);
      out.push(...more);
      if (this.done) return out;
    }
  }
}
