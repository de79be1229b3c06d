"""Wire the stages: case files -> Case objects (with diagnostics) -> pages.

Curated front matter always wins over extraction; extraction fills only what is missing, and
``Case.origins`` records where each field came from.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import os
import pathlib
import re
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from build_tools import cache, classify, clean, convert, dedupe, extract, gazetteer, processes, reader, rules as rules_data, textstats
from build_tools.script import detect_script, to_hans
from build_tools.model import Case, CaseError, Credit, Diagnostic, Hints, RawCase, Region, Removal
from build_tools.rules import Boilerplate, Vocabulary, default_boilerplate, default_vocabulary


@dataclass
class Rules:
    boilerplate: Boilerplate
    vocabulary: Vocabulary
    gazetteer: gazetteer.Gazetteer

    @classmethod
    def default(cls) -> "Rules":
        return cls(default_boilerplate(), default_vocabulary(), gazetteer.default())


_DATA_STATE: tuple | None = None


def refresh_rules() -> bool:
    """Forget the rule data loaded earlier in this process when a data file changed since
    (a long-running `mkdocs serve` watches build_tools/data/). True when something changed."""
    global _DATA_STATE
    state = tuple((str(p.relative_to(rules_data.DATA_DIR)), p.stat().st_mtime_ns, p.stat().st_size)
                  for p in sorted(rules_data.DATA_DIR.rglob("*")) if p.is_file())
    changed = _DATA_STATE is not None and state != _DATA_STATE
    if changed:
        for loader in (default_boilerplate, default_vocabulary, gazetteer.default, textstats.frequencies, cache.rules_digest):
            loader.cache_clear()
        from build_tools import script
        script.reload_rules()  # the conversion lists (build_tools/data/conversion/)
    _DATA_STATE = state
    return changed


@dataclass
class Archive:
    cases: list[Case] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def _err(raw: RawCase, key: str | None, message: str, fix: str) -> CaseError:
    line = raw.front_matter_lines.get(key) if key else None
    return CaseError(Diagnostic("error", raw.path, line or (raw.body_line if key is None else None), message, fix, key))


STAGES = ("read", "clean", "extract", "classify", "convert", "dedupe", "render")


class Timer:
    """Seconds spent per stage, summed over cases (and over worker processes)."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(STAGES, 0.0)
        self._mark = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] += now - self._mark
        self._mark = now

    def restart(self) -> None:
        """Start the next lap now (time spent since the last lap is not attributed)."""
        self._mark = time.perf_counter()

    def add(self, other: dict[str, float]) -> None:
        for stage, value in other.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + value


@dataclass
class Analysis:
    """What the stages made of one capture: the case, and the cleaner's and extractor's records
    (every removed line with its reason). `inspect` shows it; the build keeps the case."""

    case: Case
    cleaned: "clean.Cleaned"
    extracted: "extract.Extracted"
    body_line: int

    def removed(self) -> list[dict]:
        """Every line taken out of the article text, in capture order, with file line numbers."""
        items = list(self.cleaned.removed) + list(self.extracted.taken)
        items.sort(key=lambda r: (r.line or 0))
        return [{"line": self.body_line + r.line - 1 if r.line else None, "text": r.text, "why": r.why} for r in items]


def _person_entries(raw: RawCase, key: str) -> tuple:
    """front-matter drop:/keep: entries; line numbers are file lines, the cleaner counts body lines."""
    entries = raw.front_matter.get(key) or []
    return tuple(e - raw.body_line + 1 if isinstance(e, int) else e for e in entries)


def _looks_like_text(text: str) -> bool:
    han = sum("\u3400" <= c <= "\u9fff" for c in text)
    if text.count("|") + text.count("｜") >= 3 and not re.search(r"[。！？，,；;]", text):
        return False  # a menu's links between bars, long as a paragraph but no sentence
    return han >= 15 and extract.is_paragraph(text)


def analyse(raw: RawCase, rules: Rules, timer: Timer | None = None, require: bool = True,
            hints: Hints | None = None) -> Analysis:
    """Run clean, extract, classify and convert on one case. With ``require`` (the build), raise
    CaseError when it cannot be published; without it (`inspect`), report what was found.
    ``hints``: what a saved web page declares (`inspect` and `ingest` of .html/.mhtml)."""
    timer = timer or Timer()
    fm = raw.front_matter
    problems: list[Diagnostic] = []  # every error of the case, reported together
    cleaned = clean.clean(raw.body, rules.boilerplate, drop=_person_entries(raw, "drop"), keep=_person_entries(raw, "keep"))
    for key, entry in cleaned.unused:
        shown = entry + raw.body_line - 1 if isinstance(entry, int) else entry
        what = f"line {shown} is not a line of the capture" if isinstance(entry, int) else f"'{entry}' matches no line of the capture"
        fix = ("write a line number of the article below the front matter, or a piece of text copied from it"
               if key == "drop" else "copy the text of a line the cleaner removed (python -m build_tools inspect FILE lists them)")
        problems.append(_err(raw, key, f"{key}: {what}", fix).diagnostic)
    timer.lap("clean")
    ex = extract.extract(cleaned)
    # dates the text gives that were not taken (a curated date makes them moot)
    date_warnings = [] if "date" in fm else [
        Diagnostic("warning", raw.path, raw.body_line + line - 1 if line else None, message,
                   "if it is the publication date, write the right one as 'date: YYYY-MM-DD' in the front matter", "date")
        for line, message in ex.warnings]
    if not ex.paragraphs and require:
        problems.append(_err(raw, None, "no article text is left after removing site chrome",
                             "paste the article itself, not only the page around it").diagnostic)
    script = detect_script("\n".join(ex.paragraphs) or raw.body)
    origins: dict[str, str] = {}
    hints = hints or Hints()

    def pick(key: str, extracted):
        """The one merge: front matter, then what the page declares over the text, then the
        text, then what the page declares as a fallback."""
        if key in fm:
            origins[key] = "front matter"
            return fm[key]
        if hints.over_text.get(key):
            origins[key] = "page metadata"
            return hints.over_text[key]
        if extracted:
            origins[key] = "text"
            return extracted
        if hints.fallback.get(key):
            origins[key] = "page metadata"
            return hints.fallback[key]
        return extracted

    title = pick("title", ex.title)
    if title and origins.get("title") != "text" and "".join((ex.title or "").split()) != "".join(title.split()):
        # a saved page's headline stands first in its capture; when the text chose another line
        # as the title, the headline is still among the first paragraphs: it is the title
        repeats = {p for p in ex.paragraphs[:3] if "".join(p.split()) == "".join(title.split())}
        if repeats:
            ex = dataclasses.replace(ex, paragraphs=tuple(p for p in ex.paragraphs if p not in repeats),
                                     taken=ex.taken + tuple(Removal(None, p, "title (repeated)") for p in sorted(repeats)))
    subtitle = pick("subtitle", ex.subtitle)
    date = pick("date", ex.date)
    source = pick("source", ex.source)
    authors = tuple(pick("authors", list(ex.authors)) or ())
    credits = ex.credits
    if "credits" in fm:
        origins["credits"] = "front matter"
        credits = tuple(Credit(role, tuple(names)) for role, names in fm["credits"].items())
    elif credits:
        origins["credits"] = "text"
    url = pick("url", None)
    for key in ("archive", "captured", "deleted"):
        if key in fm:
            origins[key] = "front matter"
    if require and not title:
        problems.append(_err(raw, "title", "no title found in the text", "add 'title: ...' to the front matter").diagnostic)
    if require and not date:
        problems.append(_err(raw, "date", "no publication date found in the text",
                             "add 'date: YYYY-MM-DD' to the front matter").diagnostic)

    timer.lap("extract")
    hans_text = to_hans("\n".join(filter(None, (title, subtitle))) + "\n" + "\n".join(ex.paragraphs))
    if "region" in fm:
        region, problem = classify.resolve_curated(fm["region"], rules.gazetteer)
        if region is None:
            problems.append(_err(raw, "region", f"region: {problem}",
                                 "use a full name from the gazetteer, e.g. 'region: {province: 江苏省, city: 无锡市}'").diagnostic)
        else:
            origins["region"] = "front matter"
    else:
        # the text's places; else the home of a local outlet named as source; else, unless the
        # text is a round-up, the place of the site's owner named in the chrome (a welcome
        # banner, the footer's publisher)
        # (and page metadata the extractor dropped: a footer's '地址：某市某区某路19号' is the owner's)
        chrome = [to_hans(r.text) for r in (*cleaned.removed, *ex.taken)
                  if r.why.startswith(("chrome", "tail:")) or r.why == "metadata: -"]  # (a footer under the story's end, too)
        # a notice's signature, taken out of the text as metadata, still names where it was issued
        signed = "".join("\n" + to_hans(r.text) for r in ex.taken if r.why == "metadata: signature")
        # and a magazine's byline where its reporters filed from ('…记者 王某 发自广东广州')
        signed += "".join("\n" + place for r in ex.taken if r.why.startswith("metadata: byline") and (place := extract.filed_from(r.text)))
        # and the writer's local unit ('作者：某县应急局'), where the writer works (not a scholar's university and
        # postcode: a paper's place is its subject's)
        # (read first, as the header the unit was printed in: '实践团队：某县大学生防汛志愿者团队')
        unit = "".join(to_hans(name) + "\n" for credit in credits if credit.role == "作者单位" for name in credit.names
                       if not re.search(r"\d{6}|大学(?!生)|學院|学院|大學(?!生)", name))  # (a team of 大学生 is no university)
        region = classify.resolve_region(unit + hans_text + signed, rules.gazetteer, to_hans(source or ""))
        if not region:
            # (the outlet's home; a province alone made the city the site files the story under)
            region = classify.deepen_by_section(classify.resolve_outlet(to_hans(source or ""), rules.gazetteer), chrome, rules.gazetteer)
        if not region and not classify.is_round_up(hans_text, rules.gazetteer):
            # (the outlet that published it, named in a header line taken out as metadata)
            region = classify.resolve_publisher([to_hans(r.text) for r in (*cleaned.removed, *ex.taken)
                                                 if r.why.startswith("metadata")], rules.gazetteer) \
                or classify.resolve_site_owner(chrome, rules.gazetteer)
        if region:
            origins["region"] = "text"
    known = rules.vocabulary.by_name()
    curated_tags = [to_hans(t) for t in fm.get("tags", [])]
    for tag in curated_tags:
        if tag not in known:
            close = difflib.get_close_matches(tag, known, n=1, cutoff=0.3)
            problems.append(_err(raw, "tags", f"unknown tag '{tag}'",
                                 (f"did you mean '{close[0]}'? " if close else "") + "tags are listed in build_tools/data/tags.yml").diagnostic)
    if problems:
        problems.sort(key=lambda d: d.line or 0)
        raise CaseError(*problems, *date_warnings)  # (the warnings may explain a missing date)
    auto_tags = classify.resolve_tags(hans_text, rules.vocabulary)
    tags = tuple(t.name for t in rules.vocabulary.tags if t.name in curated_tags or t.name in auto_tags)
    if curated_tags:
        origins["tags"] = "front matter + text" if set(auto_tags) - set(curated_tags) else "front matter"
    elif tags:
        origins["tags"] = "text"

    warnings = [Diagnostic("warning", raw.path, raw.body_line + index, message, "compare that line with the original page")
                for index, message in cleaned.warnings]
    warnings += date_warnings
    kept = {str(k) for k in fm.get("keep", [])}
    for removal in cleaned.removed:
        if removal.line and removal.why != "front matter drop" and _looks_like_text(removal.text) and removal.text not in kept \
                and removal.why != clean.TEASER:  # (a teaser's words are the story's own, kept below it)
            warnings.append(Diagnostic(
                "warning", raw.path, raw.body_line + removal.line - 1,
                f"removed as {removal.why.split(':')[0]} but looks like article text: '{removal.text[:40]}'",
                "if it is article text, add it to 'keep:' in the front matter", "keep"))
    if not source:
        warnings.append(Diagnostic("warning", raw.path, None, "no source outlet found", "add 'source: ...' to the front matter", "source"))
    if not region:
        warnings.append(Diagnostic("warning", raw.path, None, "no region could be determined (none, or several provinces, named)",
                                   "add 'region: ...' to the front matter if the case is about one place", "region"))
    if date and not raw.case_id.startswith(date.isoformat()):
        warnings.append(Diagnostic("warning", raw.path, None, f"file name date differs from the case date {date}",
                                   f"rename the file to {date}{raw.case_id[10:]}.txt", "date"))
    timer.lap("classify")
    case = Case(
        case_id=raw.case_id, path=raw.path, script=script, title=title, subtitle=subtitle, date=date,
        source=source, authors=authors, credits=credits, url=url, note=fm.get("note"),
        region=region or Region(), tags=tags, paragraphs=ex.paragraphs, origins=origins, warnings=tuple(warnings),
        names=tuple(fm.get("names", ())), archive=tuple(fm.get("archive", ())),
        captured=fm.get("captured"), deleted=fm.get("deleted"),
    )
    if require:
        case = dataclasses.replace(case, variants=convert.case_variants(case))
        timer.lap("convert")
        case = dataclasses.replace(case, sketch=dedupe.sketch(case.paragraphs))
        timer.lap("dedupe")
    return Analysis(case, cleaned, ex, raw.body_line)


def process(raw: RawCase, rules: Rules, timer: Timer | None = None) -> Case:
    """Run clean, extract, classify and convert on one case; raise CaseError when it cannot be
    published."""
    return analyse(raw, rules, timer).case


def case_files(cases_dir: pathlib.Path) -> list[pathlib.Path]:
    # one folder: ordered by name, as Path objects compare there (their __lt__, in Python, took
    # half a second of each preview rebuild at 10,000 cases)
    return sorted((p for p in cases_dir.iterdir() if not p.name.startswith(".") and p.name != "README.md"),
                  key=lambda p: p.name)


def skipped_files(cases_dir: pathlib.Path, display_root: pathlib.Path | None = None) -> list[Diagnostic]:
    """A notice for each hidden file in the cases folder: case_files() leaves them out, and a
    case saved as '.name.txt' would otherwise be missing from the site without a word."""
    notices = []
    for path in sorted(p for p in cases_dir.iterdir() if p.name.startswith(".")):
        shown = str(path.relative_to(display_root)) if display_root and path.is_relative_to(display_root) else str(path)
        notices.append(Diagnostic("notice", shown, None, "hidden file: not read as a case",
                                  "if it is a case, rename it without the leading '.'; otherwise move it out of the cases folder"))
    return notices


_WORKER_RULES: Rules | None = None  # inherited by forked workers


def _process_file(job: tuple[str, str, bytes]) -> tuple[str, object, dict[str, float]]:
    """Worker: one case file's bytes -> ("ok", Case) or ("error", Diagnostic), with stage times."""
    path, shown, data = job
    timer = Timer()
    try:
        raw = reader.parse(reader.decode(data, shown), shown, pathlib.Path(path).stem, "")
        timer.lap("read")
        return "ok", process(raw, _WORKER_RULES or Rules.default(), timer), timer.seconds
    except CaseError as exc:
        return "error", exc.diagnostics, timer.seconds


def _run_jobs(jobs: list[tuple[str, str, bytes]], workers: int) -> list[tuple[str, object, dict[str, float]]]:
    if workers <= 1 or len(jobs) < 40:
        return [_process_file(job) for job in jobs]
    import multiprocessing

    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        with processes.frozen_heap():  # the workers fork at the first submission
            # small chunks: the last one a worker takes is all the other workers may wait for
            # (a case takes ~50 ms: 32 cases are under 2 s, and a few hundred messages cost nothing)
            results = pool.map(_process_file, jobs, chunksize=max(1, min(32, len(jobs) // (workers * 8))))
        return list(results)


def load_archive(paths: list[pathlib.Path], rules: Rules | None = None, display_root: pathlib.Path | None = None,
                 progress=None, cache_dir: pathlib.Path | None = None, workers: int | None = None,
                 timer: Timer | None = None) -> Archive:
    """Read and process case files; every problem becomes a diagnostic, never an exception.

    Unchanged cases come from the cache (when ``cache_dir`` is given); the others are processed
    in parallel over the available cores. Duplicates are detected afterwards, in path order.
    """
    archive = Archive()
    timer = timer or Timer()
    try:
        rules = rules or Rules.default()
    except CaseError as exc:
        archive.diagnostics.append(exc.diagnostic)
        return archive
    workers = workers if workers is not None else (os.cpu_count() or 1)

    # read: bytes and cache keys, in path order
    entries: list[tuple[pathlib.Path, str, bytes | None, str | None]] = []
    failures: dict[int, list[Diagnostic]] = {}
    seen_paths: set[pathlib.Path] = set()
    for index, path in enumerate(paths):
        shown = str(path.relative_to(display_root)) if display_root and path.is_relative_to(display_root) else str(path)
        if path.resolve() in seen_paths:
            failures[index] = [Diagnostic("error", shown, None, "the same case file is given twice", "name each file once")]
            entries.append((path, shown, None, None))
            continue
        seen_paths.add(path.resolve())
        try:
            data = reader.read_bytes(path, shown)
        except CaseError as exc:
            failures[index] = exc.diagnostics
            entries.append((path, shown, None, None))
            continue
        entries.append((path, shown, data, cache.case_key(shown, data)))
    timer.lap("read")

    store = cache.CaseCache(cache_dir) if cache_dir else None
    cached = store.get_many([key for *_, key in entries if key]) if store else {}
    todo = [i for i, (_, _, data, key) in enumerate(entries) if data is not None and key not in cached]
    if progress:
        progress(0, len(entries), f"{len(entries) - len(todo) - len(failures)} cached, {len(todo)} to process")
    global _WORKER_RULES
    _WORKER_RULES = rules
    try:
        results = _run_jobs([(str(entries[i][0]), entries[i][1], entries[i][2]) for i in todo], workers) if todo else []
    finally:
        _WORKER_RULES = None
    fresh: dict[int, Case] = {}
    for index, (status, value, seconds) in zip(todo, results):
        timer.add(seconds)
        if status == "ok":
            fresh[index] = value
        else:
            failures[index] = value
    if store:
        store.put_many([(entries[i][3], case) for i, case in fresh.items()])
        store.close()
    timer.restart()  # cache reads and worker wall time are already accounted for

    seen_urls: dict[str, str] = {}
    texts = dedupe.Index()
    seen_title: dict[tuple[str, str], str] = {}
    for index, (path, shown, data, key) in enumerate(entries):
        if index in failures:
            archive.diagnostics.extend(failures[index])
            continue
        case = fresh.get(index) or cached[key]
        near = texts.find(case.sketch)
        duplicate = None
        if case.url and case.url in seen_urls:
            duplicate = (seen_urls[case.url], "has the same original address (url)")
        elif near:
            duplicate = (near[0], f"has nearly the same article text ({near[1]:.0%} alike)")
        elif (to_hans(case.title), case.date) in seen_title:
            duplicate = (seen_title[(to_hans(case.title), case.date)], "has the same title and date")
        if duplicate:
            archive.diagnostics.append(Diagnostic("error", shown, None, f"duplicate case: {duplicate[0]} {duplicate[1]}",
                                                  "keep one of the two files"))
            continue
        if case.url:
            seen_urls[case.url] = shown
        texts.add(shown, case.sketch)
        seen_title[(to_hans(case.title), case.date)] = shown
        archive.cases.append(case)
        archive.diagnostics.extend(case.warnings)
    timer.lap("dedupe")
    archive.cases.sort(key=lambda c: (c.date or datetime.date.min, c.case_id))
    return archive
