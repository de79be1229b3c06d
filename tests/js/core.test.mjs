// The search core's parts, one at a time: the text rules and file layout it shares with
// build_tools/searchindex.py, query planning, matching, the Traditional text of a field and the
// escaped excerpts.
import assert from "node:assert/strict";
import test from "node:test";

import { checks, core, manifest } from "./helpers.mjs";

const rules = core.textRules(manifest.search.rules);
// a small table: 發->发 黨->党 員->员 乾->干 (乾 kept: the Simplified text uses it too) 幹->干 髮->发
const tables = core.charTables({ s2t: "发發党黨员員干幹", t2s: "乾干幹干發发髮发黨党員员", kept: "乾" });

test("the text rules are the index stage's (manifest), and normalise as it does", () => {
  for (const [text, expected] of checks.normal) {
    assert.equal(rules.normalize(text).chars.join(""), expected, text);
  }
  const n = rules.normalize("Ａ b\u3000𠀀");
  assert.deepEqual(n.chars, ["a", "b", "𠀀"]);
  assert.deepEqual(n.at, [0, 2, 4]);  // positions in the original text, in characters
  assert.equal(n.orig.length, 5);
});

test("postings file numbers are the index stage's (CRC-32 of kind and UTF-8 key)", () => {
  for (const [kind, key, buckets, expected] of checks.buckets) {
    assert.equal(core.bucketOf(kind, key, buckets), expected, `${kind} ${key} ${buckets}`);
  }
});

test("a query is planned in Simplified: Traditional characters read as Simplified, kept ones in both forms", () => {
  const plan = core.planQuery("黨員  黨員\u3000乾隆 发 ", rules, tables);
  assert.deepEqual(plan.terms.map((t) => t.typed), ["黨員", "乾隆", "发"]);  // each term once
  assert.equal(plan.searchable, true);
  const [party, qianlong, hair] = plan.terms;
  assert.deepEqual(party.keys, [["党员"]]);
  assert.deepEqual(party.canon, ["党", "员"]);
  assert.deepEqual(qianlong.keys, [["乾隆", "干隆"]]);
  assert.deepEqual(hair.keys, []);  // one character: only narrows the others
  // longer terms: overlapping triples, each position with every combination of alternatives
  const [long] = core.planQuery("黨員乾幹部", rules, tables).terms;
  assert.equal(long.kind, 2);
  assert.deepEqual(long.keys, [["党员乾", "党员干"], ["员乾干", "员干干"], ["乾干部", "干干部"]]);
  assert.equal(core.planQuery("党 员", rules, tables).searchable, false);
  assert.equal(core.planQuery("   ", rules, tables).terms.length, 0);
});

test("a term is found read in Simplified, or as typed (literal); whole means the entire field", () => {
  const [term] = core.planQuery("乾隆", rules, tables).terms;
  const chars = (text) => rules.normalize(text).chars;
  assert.equal(core.find(chars("有乾隆年"), term), 1);
  assert.equal(core.find(chars("有干隆年"), term), 1);  // 乾 may stand for 干 in Simplified
  assert.equal(core.find(chars("有干隆年"), term, true), -1);  // not as typed
  assert.equal(core.find(chars("乾 隆"), term, false, true), 0);
  assert.equal(core.find(chars("乾隆年"), term, false, true), -1);
  const [hair] = core.planQuery("頭髮", rules, tables).terms;
  assert.equal(core.find(chars("头发"), hair), -1);  // 頭 is not in this table: read as itself
});

test("a field's Traditional text: the table's rendering, corrected at listed characters, or carried whole", () => {
  assert.equal(core.hantText("党员干部", 0, tables), "黨員幹部");
  assert.equal(core.hantText("头发干了", [[1, "髮"], [2, "乾"]], tables), "头髮乾了");
  assert.equal(core.hantText("𠀀干部", [[1, "乾"]], tables), "𠀀乾部");  // positions count characters, not UTF-16 units
  assert.equal(core.hantText("头发", "頭髮了", tables), "頭髮了");
});

test("matching a case: every term in some field; tier 0 title, 1 title or whole name, 2 elsewhere", () => {
  const fields = core.caseFields({ d: "2020-01-01", f: [
    ["t", "党员干部的一天", 0], ["a", "王德明", 0], ["c", "李华", 0, "编辑", "編輯"], ["p", "头发干了。", [[1, "髮"], [2, "乾"]]],
  ] }, rules, tables);
  const tier = (q) => core.matchCase(fields, core.planQuery(q, rules, tables));
  assert.equal(tier("党员"), 0);
  assert.equal(tier("黨員 一天"), 0);
  assert.equal(tier("王德明"), 1);
  assert.equal(tier("党员 李华"), 1);
  assert.equal(tier("德明"), 2);  // part of a name
  assert.equal(tier("乾了"), 2);  // the Traditional text has it as typed
  assert.equal(tier("干了"), 2);
  assert.equal(tier("党员 火星"), null);
  assert.equal(tier("党 火星人"), null);
});

test("sorted lists: union and intersection", () => {
  const a = Uint32Array.from([1, 3, 5, 7]);
  const b = Uint32Array.from([3, 4, 7, 9]);
  assert.deepEqual([...core.union([a, b])], [1, 3, 4, 5, 7, 9]);
  assert.deepEqual([...core.intersect(a, b)], [3, 7]);
  assert.deepEqual([...core.intersect(a, new Uint32Array(0))], []);
  assert.deepEqual([...core.union([])], []);
});

test("excerpts are escaped text with the terms marked, cut around the first one", () => {
  const chars = Array.from("0123456789<b>党员</b>&0123456789");
  const html = core.marked(chars, [[13, 15]], [3, 8]);
  assert.equal(html, "…&lt;b&gt;<mark>党员</mark>&lt;/b&gt;&amp;012…");
  assert.equal(core.marked(Array.from("<i>"), []), "&lt;i&gt;");
  assert.equal(core.escapeHtml(`"'<>&`), "&quot;&#39;&lt;&gt;&amp;");
});

test("a result shown: markup in any field is text, in either script; names with their label", () => {
  const data = { d: "2020-05-01", f: [
    ["t", "<script>alert(1)</script>党员", 0], ["o", "<img src=x onerror=alert(1)>网", 0],
    ["c", "李华", 0, "<b>编辑</b>", "<b>編輯</b>"], ["p", "正文<iframe src=javascript:alert(1)>党员</iframe>", 0],
  ] };
  const fields = core.caseFields(data, rules, tables);
  for (const [query, hant] of [["党员", false], ["黨員", true], ["李华", true], ["网", false]]) {
    const plan = core.planQuery(query, rules, tables);
    const shown = core.presentHit({ url: "/cases/x/", data, fields, tier: 0 }, plan, tables, { hant, labels: { o: "<来源>" } });
    for (const html of [shown.title, shown.excerpt]) {
      assert.doesNotMatch(html.replace(/<\/?mark>/g, ""), /<[a-z/]/i, `${query}: ${html}`);
    }
  }
  const plan = core.planQuery("李华", rules, tables);
  const shown = core.presentHit({ url: "/cases/x/", data, fields, tier: 1 }, plan, tables, { hant: true });
  assert.equal(shown.excerpt, "&lt;b&gt;編輯&lt;/b&gt;：<mark>李华</mark>");
  assert.equal(shown.title, "&lt;script&gt;alert(1)&lt;/script&gt;黨員");
});
