// Shared by the Node tests: the fixture index (tests/js/fixture.py) and a reader of its files.
// The pytest wrapper (tests/test_search_js.py) builds the fixture once and passes its folder in
// CASE_ARCHIVE_SEARCH_FIXTURE; run alone (`node --test tests/js/`), the tests build their own
// with the project's Python (CASE_ARCHIVE_PYTHON, else .venv/bin/python, else python3).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const core = await import(join(ROOT, "build_tools", "mkdocs", "theme", "assets", "case-search-core.js"));

function fixtureFolder() {
  if (process.env.CASE_ARCHIVE_SEARCH_FIXTURE) return process.env.CASE_ARCHIVE_SEARCH_FIXTURE;
  const folder = mkdtempSync(join(tmpdir(), "case-search-fixture-"));
  const venv = join(ROOT, ".venv", "bin", "python");
  const python = process.env.CASE_ARCHIVE_PYTHON || (existsSync(venv) ? venv : "python3");
  execFileSync(python, [join(ROOT, "tests", "js", "fixture.py"), folder], { stdio: "inherit" });
  return folder;
}

export const FOLDER = fixtureFolder();
export const BUNDLE = join(FOLDER, "site", "pagefind");
export const records = JSON.parse(readFileSync(join(FOLDER, "records.json"), "utf8"));
export const checks = JSON.parse(readFileSync(join(FOLDER, "checks.json"), "utf8"));
export const manifest = JSON.parse(readFileSync(join(BUNDLE, "case-archive.json"), "utf8"));

// A fresh index over the fixture's files; `fetched` lists every file it read.
export function openIndex() {
  const fetched = [];
  const index = new core.Index({
    manifest,
    load: async (path) => { fetched.push(path); return new Uint8Array(readFileSync(join(BUNDLE, path))); },
  });
  index.fetched = fetched;
  return index;
}

// Deterministic pseudo-random numbers (mulberry32).
export function random(seed) {
  return () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
