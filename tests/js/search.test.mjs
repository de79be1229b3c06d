// The whole search on a real index (tests/js/fixture.py: the fixture archive and made-up cases,
// written by build_tools/searchindex.py with Pagefind's fragments), read from disk as the
// browser reads it over HTTP: what is found, in which order, at what cost, and what is shown.
import assert from "node:assert/strict";
import test from "node:test";

import { core, openIndex, random, records } from "./helpers.mjs";

async function search(query, index = openIndex()) {
  const cursor = await index.query(query);
  const all = await cursor.all();
  return { cursor, index, urls: all.map((h) => h.url.replace(/^\//, "")), hits: all };
}

const byKey = (key) => records.find((r) => r.key === key).url;

// What the search must find, worked out without the index: every case (in number order) with
// its tier, by the same rule the search checks candidates with.
function expected(query, index, tables) {
  const plan = core.planQuery(query, index.rules, tables);
  const out = [];
  records.forEach((r, doc) => {
    const fields = r.fields.map(([kind, hans, hant, role, hantRole]) => ({
      kind, hans: index.rules.normalize(hans), hant: index.rules.normalize(hant), role: role ? [role, hantRole] : null,
    }));
    const tier = plan.searchable ? core.matchCase(fields, plan) : null;
    if (tier !== null) out.push({ doc, tier, url: r.url });
  });
  return out.sort((a, b) => a.tier - b.tier || a.doc - b.doc);
}

test("each case's number, URL and fields in both scripts come back from its fragment exactly", async () => {
  const index = openIndex();
  const tables = await index.charTables();
  assert.equal(index.search.cases, records.length);
  for (let doc = 0; doc < records.length; doc++) {
    const { url, data } = await index.fragment(doc);
    const record = records[doc];
    assert.equal(url, "/" + record.url);
    assert.equal(data.d, record.date);
    assert.deepEqual(data.f.map(([kind, hans, carried, ...role]) => [kind, hans, core.hantText(hans, carried, tables), ...role]),
      record.fields, record.key);
  }
});

test("names and places in the text are found in either script (滕乾生 kept on the Simplified page)", async () => {
  const guangan = byKey("2020-03-11-guangan-zuzhibu");
  for (const query of ["滕乾生", "广安市人民医院", "廣安市人民醫院", "刘小林", "劉小林"]) {
    assert.ok((await search(query)).urls.includes(guangan), query);
  }
  assert.deepEqual((await search("滕干生")).urls, []);  // not the name: neither script has it
});

test("a Traditional query finds what its Simplified form finds, and the reverse", async () => {
  for (const [hans, hant] of [["临时党支部", "臨時黨支部"], ["党员", "黨員"], ["复工复产", "復工復產"], ["头发", "頭髮"]]) {
    const a = await search(hans);
    const b = await search(hant);
    assert.ok(a.urls.length > 0, hans);
    assert.deepEqual(a.urls, b.urls, hans);
  }
});

test("metadata is searchable: author, credited name, source, region, tag, subtitle", async () => {
  const cases = [
    ["陈玲", "2020-03-11-guangan-zuzhibu"], ["陳玲", "2020-03-11-guangan-zuzhibu"], ["何礼", "2020-03-11-guangan-zuzhibu"],
    ["中国共产党新闻网", "2020-04-21-wuxi-dangjian-jizhan"], ["龙湾区", "2020-03-09-longwan-hongse-xibao"],
    ["線上組織生活", "2020-04-01-xining-dongchuan-yuanqu"], ["探索基层党建新路", "2020-04-21-wuxi-dangjian-jizhan"],
  ];
  for (const [query, key] of cases) {
    const { urls, hits } = await search(query);
    assert.ok(urls.includes(byKey(key)), query);
    if (!["探索基层党建新路"].includes(query)) assert.equal(hits[0].tier, 1, query);  // a whole name: before text matches
  }
  // a tag counts as much as the text: every case tagged or saying 临时党支部 is found
  const { urls } = await search("临时党支部");
  for (const r of records) {
    const has = r.fields.some(([, hans, hant]) => hans.includes("临时党支部") || hant.includes("臨時黨支部"));
    assert.equal(urls.includes(r.url), has, r.key);
  }
});

test("order: title, then whole names, then the rest; newest first within each; undated last", async () => {
  const { urls, hits } = await search("王德明");
  assert.deepEqual(urls, ["2019-01-01-title", "2018-01-01-author", "2021-12-01-text", "undated-text"].map(byKey));
  assert.deepEqual(hits.map((h) => h.tier), [0, 1, 2, 2]);
  // the first results of a fresh search are the same as the head of the complete list
  const index = openIndex();
  const cursor = await index.query("党员");
  const first = (await cursor.next(3)).map((h) => h.url);
  const everything = (await search("党员")).hits.map((h) => h.url);
  assert.deepEqual(first, everything.slice(0, 3));
});

test("folding, whitespace and astral characters", async () => {
  const ascii = byKey("2020-07-01-ascii");
  for (const query of ["covid-19", "ＣＯＶＩＤ", "abc123", "ａｂｃ", "新干县", "县委书记", "縣委書記", "𠀀村", "𠀀村的幹部"]) {
    assert.deepEqual((await search(query)).urls, [ascii], query);
  }
});

test("a character the Simplified text keeps is tried in both forms", async () => {
  const qianlong = byKey("2020-06-01-qianlong");
  assert.deepEqual((await search("乾隆")).urls, [qianlong]);
  assert.deepEqual((await search("乾了")).urls, [qianlong]);  // the Traditional text says 曬乾了
  assert.deepEqual((await search("晒干了")).urls, [qianlong]);
  assert.deepEqual((await search("干隆")).urls, []);  // no text has it
});

test("a word no case contains fetches no case data, and few files", async () => {
  for (const query of ["量子纠缠", "火星殖民", "党员 量子", "滕干生"]) {
    const { urls, cursor, index } = await search(query);
    assert.deepEqual(urls, [], query);
    assert.ok(cursor.checked <= 1, query);  // a candidate that is not one, at most
    assert.ok(index.fetched.length <= 2 + query.length, `${query}: ${index.fetched}`);
  }
});

test("several terms: every one must be found; a one-character query asks for more", async () => {
  const both = await search("党员 滕乾生");
  assert.deepEqual(both.urls, [byKey("2020-03-11-guangan-zuzhibu")]);
  const narrowed = await search("党员 宁");
  assert.ok(narrowed.urls.length >= 1);
  for (const url of narrowed.urls) {
    const record = records.find((r) => r.url === url);
    assert.ok(record.fields.some(([, hans]) => hans.includes("宁")), url);
  }
  const { cursor } = await search("党");
  assert.equal(cursor.plan.searchable, false);
  assert.equal(cursor.done, true);
});

test("random substrings of the cases' fields, in either script, are found with every case that has them", async () => {
  const index = openIndex();
  const tables = await index.charTables();
  const next = random(20240601);
  let queries = 0;
  while (queries < 300) {
    const record = records[Math.floor(next() * records.length)];
    const field = record.fields[Math.floor(next() * record.fields.length)];
    const text = Array.from(field[next() < 0.5 ? 1 : 2]).filter((c) => !index.rules.isSpace(c.codePointAt(0)));
    if (text.length < 2) continue;
    const length = Math.min(text.length, 2 + Math.floor(next() * 5));
    const start = Math.floor(next() * (text.length - length + 1));
    const query = text.slice(start, start + length).join("");
    queries += 1;
    const { urls } = await search(query, index);
    assert.ok(urls.includes(record.url), `${query} (${record.key})`);
    assert.deepEqual(urls, expected(query, index, tables).map((e) => e.url), query);
    // literally present in either script: found (recall needs no conversion)
    const q = index.rules.normalize(query).chars.join("");
    for (const r of records) {
      const literal = r.fields.some(([, hans, hant]) => [hans, hant].some((t) => index.rules.normalize(t).chars.join("").includes(q)));
      if (literal) assert.ok(urls.includes(r.url), `${query} in ${r.key}`);
    }
  }
});

test("what a result shows is escaped; markup in a case never becomes markup", async () => {
  const index = openIndex();
  for (const [query, hant] of [["恶意标题", false], ["惡意標題", true], ["注入", false], ["b>网", true], ["<img", false]]) {
    const cursor = await index.query(query);
    const hits = await cursor.all();
    assert.ok(hits.length >= 1, query);
    for (const hit of hits) {
      const shown = core.presentHit(hit, cursor.plan, cursor.tables, { hant, labels: { o: "来源" } });
      for (const html of [shown.title, shown.excerpt]) {
        assert.doesNotMatch(html.replace(/<\/?mark>/g, ""), /<[a-z/!]/i, `${query}: ${html}`);
      }
    }
  }
});
