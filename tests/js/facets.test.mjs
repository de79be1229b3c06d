// The results page's filters and URL state (case-search-core.js, "the results page" part) on the
// fixture index: the facet table the index stage writes, the counts each filter value shows, and
// that choosing a value gives the count it showed.
import assert from "node:assert/strict";
import test from "node:test";

import { core, openIndex, random, records } from "./helpers.mjs";

const names = (record, facet) => record.facets.filter(([f]) => f === facet).map(([, hans]) => hans).sort();

test("the facet table gives each case its tags, province, year and source", async () => {
  const table = await openIndex().facets();
  let withFacets = 0;
  records.forEach((record, doc) => {
    for (const facet of ["tag", "province", "source"]) {
      const got = core.docValues(table, facet, doc).map((v) => table.values[facet][v][0]).sort();
      assert.deepEqual(got, names(record, facet), `${record.key} ${facet}`);
    }
    const year = core.docValues(table, "year", doc).map((v) => table.values.year[v][0]);
    assert.deepEqual(year, record.date ? [record.date.slice(0, 4)] : [], record.key);
    withFacets += record.facets.length > 0;
  });
  assert.ok(withFacets >= 4, "the fixture has cases with tags, provinces and sources");
  // both scripts' names
  const province = table.values.province.find(([hans]) => hans === "江苏省");
  assert.deepEqual(province, ["江苏省", "江蘇省"]);
});

test("a state is read from and written to the query string, one URL per search", () => {
  const state = core.readState("?q=%E5%85%9A%E5%91%98&year=2021&tag=b&tag=a&tag=a&source=&province=江苏省");
  assert.deepEqual(state, { q: "党员", filters: { tag: ["b", "a"], province: ["江苏省"], year: ["2021"] } });
  assert.equal(core.writeState(state), "?q=%E5%85%9A%E5%91%98&tag=a&tag=b&province=%E6%B1%9F%E8%8B%8F%E7%9C%81&year=2021");
  assert.deepEqual(core.readState(core.writeState(state)), { q: "党员", filters: { tag: ["a", "b"], province: ["江苏省"], year: ["2021"] } });
  assert.equal(core.writeState({ q: "", filters: {} }), "");
  assert.deepEqual(core.readState(""), { q: "", filters: {} });
  const on = core.toggled(state, "year", "2020");
  assert.deepEqual(on.filters.year, ["2021", "2020"]);
  assert.deepEqual(core.toggled(on, "year", "2021").filters.year, ["2020"]);
  assert.equal(core.toggled({ q: "x", filters: { year: ["2020"] } }, "year", "2020").filters.year, undefined);
  assert.deepEqual(state.filters.year, ["2021"]);  // toggled makes a new state
});

test("filter values are names in either script; an unknown one keeps nothing", async () => {
  const table = await openIndex().facets();
  const a = core.resolveFilters({ province: ["江苏省"] }, table);
  const b = core.resolveFilters({ province: ["江蘇省"] }, table);
  assert.deepEqual([...a.chosen.province], [...b.chosen.province]);
  const none = core.resolveFilters({ province: ["火星省"] }, table);
  assert.deepEqual(none.unknown, { province: ["火星省"] });
  assert.equal(records.some((_, doc) => core.passes(table, none, doc)), false);
  const list = core.facetList(table, none, core.facetCounts(table, none, records.map((_, d) => d)), "province");
  assert.deepEqual(list.find((v) => v.chosen), { name: "火星省", value: "火星省", count: 0, chosen: true });
});

function kept(table, state, docs) {
  const resolved = core.resolveFilters(state.filters, table);
  return docs.filter((d) => core.passes(table, resolved, d));
}

test("each value's count is the number of results choosing it gives (tags: all chosen; others: any)", async () => {
  const table = await openIndex().facets();
  const all = records.map((_, d) => d);
  const next = random(7);
  const pick = (list) => list[Math.floor(next() * list.length)];
  for (let round = 0; round < 60; round++) {
    let state = { q: "", filters: {} };
    for (let k = Math.floor(next() * 3); k > 0; k--) {  // a few random choices
      const facet = pick(core.FACETS);
      if (table.values[facet].length) state = core.toggled(state, facet, pick(table.values[facet])[0]);
    }
    const resolved = core.resolveFilters(state.filters, table);
    const counts = core.facetCounts(table, resolved, all);
    const now = kept(table, state, all);
    for (const facet of core.FACETS) {
      for (const item of core.facetList(table, resolved, counts, facet)) {
        if (item.chosen) continue;
        const after = kept(table, core.toggled(state, facet, item.value), all);
        if (facet === "tag" || !state.filters[facet]) {
          assert.equal(after.length, item.count, `${JSON.stringify(state)} + ${facet}=${item.value}`);
          assert.ok(after.every((d) => now.includes(d)), "choosing a value narrows");
        } else {  // a second value of a one-value facet adds its cases
          assert.equal(after.length, now.length + item.count, `${JSON.stringify(state)} + ${facet}=${item.value}`);
        }
      }
    }
  }
});

test("the values listed are those the results have, most first; years newest first", async () => {
  const table = await openIndex().facets();
  const resolved = core.resolveFilters({}, table);
  const all = records.map((_, d) => d);
  const counts = core.facetCounts(table, resolved, all);
  const tags = core.facetList(table, resolved, counts, "tag", true);
  assert.ok(tags.length > 0 && tags.every((t, i) => i === 0 || tags[i - 1].count >= t.count));
  assert.ok(tags.some((t) => t.name === "臨時黨支部" && t.value === "临时党支部"), "the page's script; the URL's value in Simplified");
  const years = core.facetList(table, resolved, counts, "year").map((y) => y.value);
  assert.deepEqual(years, [...years].sort().reverse());
  assert.equal(counts.year.get(table.values.year.findIndex(([y]) => y === "2021")),
    records.filter((r) => r.date.startsWith("2021")).length);
});

test("a search narrowed by filters: its results, and a count that agrees with them", async () => {
  const index = openIndex();
  const table = await index.facets();
  for (const [query, filters] of [["党员", { tag: ["临时党支部"] }], ["党员", { year: ["2020"] }], ["黨員", { province: ["江苏省", "四川省"] }],
    ["疫情", {}], ["王德明", { year: ["2019", "2021"] }]]) {
    const resolved = core.resolveFilters(filters, table);
    const whole = await (await index.query(query)).all();
    const cursor = await index.query(query, { keep: (doc) => core.passes(table, resolved, doc) });
    const narrowed = await cursor.all();
    const docs = whole.filter((h) => core.passes(table, resolved, h.doc)).map((h) => h.doc);
    assert.deepEqual(narrowed.map((h) => h.doc), docs, query);
    const total = await cursor.total();
    assert.equal(total.count, docs.length, query);
    assert.equal(total.exact, true, query);
    assert.deepEqual([...cursor.results()].sort(), whole.map((h) => h.doc).sort(), "the filters count the whole results");
  }
});

test("the count of a two- or three-character query is known before any case is checked, and right", async () => {
  const next = random(3);
  let checkedQueries = 0;
  for (const record of records) {
    for (const [, hans, hant] of record.fields) {
      for (const text of [hans, hant]) {
        const chars = Array.from(text.replace(/\s/g, ""));
        if (chars.length < 3 || next() >= 0.4) continue;  // two fields in five: over a hundred queries
        const n = 2 + Math.floor(next() * 2);
        const at = Math.floor(next() * (chars.length - n + 1));
        const query = chars.slice(at, at + n).join("");
        const cursor = await openIndex().query(query);
        const before = await cursor.total();
        assert.equal(cursor.checked, 0);
        assert.equal(before.exact, true);
        const all = await cursor.all();
        assert.equal(before.count, all.length, query);
        checkedQueries++;
      }
    }
  }
  assert.ok(checkedQueries > 50);
  const long = await openIndex().query("临时党支部");  // longer terms: at most, until every candidate is checked
  const first = await long.total();
  assert.equal(first.exact, false);
  const all = await long.all();
  assert.deepEqual(await long.total(), { count: all.length, exact: true });
});

test("the deleted filter: the gone originals ('1') or the others ('0'), counted, in the URL, and the result's date", async () => {
  const index = openIndex();
  const table = await index.facets();
  const all = records.map((_, d) => d);
  const gone = all.filter((d) => records[d].deleted);
  assert.ok(gone.length >= 1 && gone.length < all.length, "the fixture has a deleted case and others");
  assert.deepEqual(all.filter((d) => core.docValues(table, "deleted", d)[0] === 0), gone);
  const state = core.readState("?q=%E7%8E%8B%E5%BE%B7%E6%98%8E&deleted=1");
  assert.deepEqual(state.filters, { deleted: ["1"] });
  assert.equal(core.writeState(state), "?q=%E7%8E%8B%E5%BE%B7%E6%98%8E&deleted=1");
  for (const [value, expect] of [["1", gone], ["0", all.filter((d) => !gone.includes(d))]]) {
    assert.deepEqual(kept(table, { q: "", filters: { deleted: [value] } }, all), expect, value);
  }
  const none = core.resolveFilters({}, table);
  const list = core.facetList(table, none, core.facetCounts(table, none, all), "deleted");
  assert.deepEqual(list.map((v) => [v.value, v.count]), [["1", gone.length], ["0", all.length - gone.length]]);
  // a search: 王德明 is in a deleted case and in others
  const resolved = core.resolveFilters({ deleted: ["1"] }, table);
  const cursor = await index.query("王德明", { keep: (doc) => core.passes(table, resolved, doc) });
  const hits = await cursor.all();
  assert.deepEqual(hits.map((h) => records[h.doc].key), ["2021-12-01-text"]);
  assert.equal(core.presentHit(hits[0], cursor.plan, cursor.tables).deleted, "2022-03-01");
  const whole = await (await index.query("王德明")).all();
  assert.ok(whole.length > 1 && whole.filter((h) => !records[h.doc].deleted).every((h) => core.presentHit(h, cursor.plan, cursor.tables).deleted === ""));
  // no result deleted, nothing chosen: the facet is not listed (it would narrow nothing)
  const kept0 = all.filter((d) => !gone.includes(d));
  assert.deepEqual(core.facetList(table, none, core.facetCounts(table, none, kept0), "deleted"), []);
});
