"""Command line: python -m build_tools {check,inspect,ingest,export,convert,links,bundle} (also: case-archive)."""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import sys
import tempfile

from build_tools import __version__, dates, pipeline, reader, render
from build_tools.model import CaseError, Diagnostic, one_line
from build_tools.slugs import slug_diagnostics, slugify

DEFAULT_CASES = pathlib.Path("cases")


def _progress(stream):
    def report(done: int, total: int, message: str) -> None:
        if total >= 50:
            print(f"  {total} case files: {message}", file=stream, flush=True)
    return report


def cache_dir(root: pathlib.Path | None = None) -> pathlib.Path | None:
    """The per-case cache folder (.cache/case-archive), unless CASE_ARCHIVE_NO_CACHE is set."""
    if os.environ.get("CASE_ARCHIVE_NO_CACHE"):
        return None
    return (root or pathlib.Path.cwd()) / ".cache" / "case-archive"


def _paths(args_files: list[str], cases_dir: pathlib.Path) -> list[pathlib.Path]:
    if args_files:
        return [pathlib.Path(f) for f in args_files]
    if not cases_dir.is_dir():
        raise CaseError(Diagnostic("error", str(cases_dir), None, "the cases folder does not exist",
                                   "run the command from the repository root or pass --cases DIR"))
    return pipeline.case_files(cases_dir)


def github_data(text: str) -> str:
    """Text for the message of a GitHub workflow command ('::error …::message'): a line break
    in it would end the command, and the next line could be a command of its own."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """Text for a property of a GitHub workflow command (file=…,line=…)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def _print_diag(diag: Diagnostic, github: bool, strict: bool, stream) -> None:
    severity = "error" if strict and diag.severity == "warning" else diag.severity
    if github:
        where = f"file={github_property(diag.path)}" + (f",line={diag.line}" if diag.line else "")
        message = diag.message + (f" (fix: {diag.fix})" if diag.fix else "")
        print(f"::{severity} {where}::{github_data(message)}", file=stream)
    else:
        print("  " + Diagnostic(severity, diag.path, diag.line, diag.message, diag.fix, diag.field).format(), file=stream)


def changed_cases(cases_dir: pathlib.Path, base: str | None) -> list[pathlib.Path]:
    """Case files added or modified against a git base (plus uncommitted and untracked ones)."""
    import subprocess

    def git(*words: str) -> list[str]:
        result = subprocess.run(["git", *words], capture_output=True, text=True)
        if result.returncode != 0:
            raise CaseError(Diagnostic("error", str(cases_dir), None, f"git {' '.join(words)} failed: {result.stderr.strip()}",
                                       "run inside a git checkout and pass an existing --base (e.g. origin/main)"))
        return [line for line in result.stdout.splitlines() if line]

    if base is None:
        base = next((ref for ref in ("origin/main", "main", "origin/master", "master")
                     if subprocess.run(["git", "rev-parse", "--verify", "--quiet", ref], capture_output=True).returncode == 0), "HEAD")
    names = set(git("diff", "--name-only", "--diff-filter=ACMR", f"{base}...HEAD", "--", str(cases_dir)))
    names |= set(git("diff", "--name-only", "--diff-filter=ACMR", "--", str(cases_dir)))
    names |= set(git("ls-files", "--others", "--exclude-standard", "--", str(cases_dir)))
    top = pathlib.Path(git("rev-parse", "--show-toplevel")[0])
    return sorted(p for p in ((top / n) for n in names) if p.is_file() and p.suffix == ".txt")


def review_summary(archive, paths: list[pathlib.Path], site_url: str) -> str:
    """Markdown a reviewer can paste into the pull request."""
    cases = {pathlib.Path(c.path).name: c for c in archive.cases}
    by_file: dict[str, list[Diagnostic]] = {}
    for diag in archive.diagnostics:
        by_file.setdefault(pathlib.Path(diag.path).name, []).append(diag)
    lines = [f"## 案例检查摘要：{len(paths)} 个改动的案例", ""]
    for path in paths:
        case = cases.get(path.name)
        errors = [d for d in by_file.get(path.name, []) if d.severity == "error"]
        lines += [f"### {'✅' if case and not errors else '❌'} `{path.name}`", ""]
        if case:
            lines += ["| 字段 | 值 | 来自 |", "|---|---|---|"]
            for label, key, value in (("标题", "title", case.title), ("副标题", "subtitle", case.subtitle), ("日期", "date", case.date),
                                      ("来源", "source", case.source), ("作者", "authors", "、".join(case.authors)),
                                      ("地区", "region", " › ".join(case.region.levels())), ("标签", "tags", "、".join(case.tags)),
                                      ("原文", "url", case.url)):
                if value:
                    cell = one_line(str(value)).replace("|", "\\|")
                    lines.append(f"| {label} | {cell} | {'前置元数据' if case.origins.get(key) == 'front matter' else '正文提取'} |")
            base = site_url.rstrip("/") + "/" if site_url else ""
            lines += ["", f"预览：[简体]({base}cases/{case.case_id}/) · [繁體]({base}zh-Hant/cases/{case.case_id}/)", ""]
        for diag in by_file.get(path.name, []):
            where = f"第 {diag.line} 行：" if diag.line else ""
            lines.append(one_line(f"- **{diag.severity}** {where}{diag.message}" + (f"（{diag.fix}）" if diag.fix else "")))
        lines.append("")
    if not paths:
        lines.append("没有改动的案例文件。")
    return "\n".join(lines)


def cmd_check(args) -> int:
    out = sys.stdout
    try:
        if args.changed:
            paths = changed_cases(args.cases, args.base)
            changed = {p.resolve() for p in paths}
            # unchanged cases first, so a duplicate is reported on the new file, not the old one
            existing = [p for p in pipeline.case_files(args.cases) if p.resolve() not in changed] if args.cases.is_dir() else []
            archive = pipeline.load_archive(existing + paths, display_root=pathlib.Path.cwd())
            archive.diagnostics += slug_diagnostics(archive.cases)  # a new name whose URL would clash
            archive.diagnostics = [d for d in archive.diagnostics if pathlib.Path(d.path).resolve() in changed]
            print(review_summary(archive, paths, args.site_url), file=out)
            return 1 if archive.errors else 0
        paths = _paths(args.files, args.cases)
    except CaseError as exc:
        print(exc.diagnostic.format(), file=sys.stderr)
        return 2
    archive = pipeline.load_archive(paths, display_root=pathlib.Path.cwd(), progress=_progress(sys.stderr), cache_dir=cache_dir())
    archive.diagnostics += slug_diagnostics(archive.cases)
    if not args.files:
        archive.diagnostics += pipeline.skipped_files(args.cases, display_root=pathlib.Path.cwd())
    by_path: dict[str, list[Diagnostic]] = {}
    for diag in archive.diagnostics:
        by_path.setdefault(diag.path, []).append(diag)
    for case in archive.cases:
        print(f"{case.path}: ok", file=out)
        if not args.quiet:
            fields = [("title", case.title), ("subtitle", case.subtitle), ("date", case.date), ("source", case.source),
                      ("authors", "、".join(case.authors)), ("credits", "; ".join(f"{c.role}: {'、'.join(c.names)}" for c in case.credits)),
                      ("region", " > ".join(case.region.levels())), ("tags", "、".join(case.tags)), ("url", case.url),
                      ("archive", " ".join(case.archive)), ("captured", case.captured), ("deleted", case.deleted)]
            for key, value in fields:
                if value:
                    print(f"  {key:<8} {value}  [{case.origins.get(key, 'text')}]", file=out)
            print(f"  script   {case.script}; {len(case.paragraphs)} paragraphs", file=out)
    failed_paths = {d.path for d in archive.errors}
    for path in failed_paths:
        print(f"{path}: FAILED", file=out)
    for path, diags in sorted(by_path.items()):
        for diag in diags:
            _print_diag(diag, args.github, args.strict, out)
    warnings = [d for d in archive.diagnostics if d.severity == "warning"]
    print(f"{len(archive.cases)} valid, {len(failed_paths)} invalid, {len(warnings)} warning(s)", file=out)
    if archive.errors or (args.strict and warnings):
        return 1
    return 0


def read_capture(data: bytes, name: str):
    """A raw capture's text and, for a saved web page (.html, .htm, .mhtml), the page it came
    from (webpage.Page: the capture text is then the article the extractor found)."""
    from build_tools import webpage

    if webpage.is_page(name):
        page = webpage.read(data, name)
        return page.text, page
    return reader.decode(data, name), None


def inspect_capture(data: bytes, name: str) -> dict:
    """What the build makes of one raw capture (front matter optional) or saved web page,
    through the same stages and merge as the build; a missing title or date is reported, not
    an error."""
    text, page = read_capture(data, name)
    raw = reader.parse(text, name, pathlib.Path(name).stem, "")
    analysis = pipeline.analyse(raw, pipeline.Rules.default(), require=False, hints=page.hints() if page else None)
    case = analysis.case
    heading = [line for line in (case.title, case.subtitle) if line]
    return {
        "title": case.title, "subtitle": case.subtitle, "date": dates.iso(case.date), "source": case.source,
        "authors": list(case.authors),
        "credits": {c.role: list(c.names) for c in case.credits},
        "region": {"province": case.region.province, "city": case.region.city, "county": case.region.county},
        "tags": list(case.tags),
        "url": case.url,
        "origins": dict(sorted(case.origins.items())),
        "script": case.script,
        # what a reader sees on the case page: the headline (and subtitle), then the article
        "text": "\n\n".join(heading + list(case.paragraphs)),
        "body": "\n\n".join(case.paragraphs),
        "removed": analysis.removed(),
        "warnings": [d.format() for d in case.warnings],
        **({"page": {"encoding": page.encoding, "extractor": "gne", "capture": text}} if page else {}),
    }


def cmd_inspect(args) -> int:
    path = pathlib.Path(args.file)
    try:
        result = inspect_capture(path.read_bytes(), str(path))
    except OSError as exc:
        print(f"{path}: error: cannot read the file: {exc.strerror}", file=sys.stderr)
        return 2
    except CaseError as exc:
        for diag in exc.diagnostics:
            print(diag.format(), file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for key, value in result.items():
            if key not in ("text", "body", "removed", "warnings", "origins", "page"):
                print(f"{key:<9} {value}  [{result['origins'].get(key, 'text')}]" if value else f"{key:<9} {value}")
        if "page" in result:
            print(f"page     saved web page read as {result['page']['encoding']}; article found by {result['page']['extractor']}")
        for warning in result["warnings"]:
            print(f"warning  {warning}")
        print("\nremoved from the text:")
        for item in result["removed"]:
            print(f"  line {item['line'] or '?':>4}  {item['why']}: {item['text'][:60]}")
        print()
        print(result["body"])
    return 0


ISSUE_FIELDS = {"原文网址": "url", "发布日期": "date", "地区": "region", "文章全文": "text"}


def parse_issue(text: str) -> dict[str, str]:
    """Fields of a case-submission issue as GitHub renders the form ('### label' sections)."""
    import re

    fields: dict[str, str] = {}
    for label, value in re.findall(r"^### (.+?)\n(.*?)(?=^### |\Z)", text.replace("\r\n", "\n"), re.S | re.M):
        key = ISSUE_FIELDS.get(label.strip())
        value = value.strip()
        fenced = re.fullmatch(r"```[a-z]*\n(.*?)\n?```", value, re.S)
        if fenced:
            value = fenced.group(1)
        if key and value and value != "_No response_":
            fields[key] = value
    return fields


def cmd_ingest(args) -> int:
    source = pathlib.Path(args.raw_file)
    page = None
    try:
        text, page = read_capture(source.read_bytes(), str(source))
    except OSError as exc:
        print(f"{source}: error: cannot read the file: {exc.strerror}", file=sys.stderr)
        return 2
    except CaseError as exc:
        print(exc.diagnostic.format(), file=sys.stderr)
        return 1
    curated: dict = {}
    if args.issue and page is not None:
        print(f"{source}: error: --issue reads the text of an issue, not a saved web page (fix: run ingest without --issue)",
              file=sys.stderr)
        return 2
    if args.issue:
        fields = parse_issue(text)
        if "text" not in fields:
            print(f"{source}: error: no '### 文章全文' section found (fix: save the issue body as shown by "
                  "'gh issue view N --json body -q .body')", file=sys.stderr)
            return 1
        text = fields["text"] + "\n"
        curated = {k: v for k, v in fields.items() if k != "text"}
    if args.url:
        curated["url"] = args.url
    problems = []
    fake_lines = {key: None for key in curated}
    try:
        reader.validate_front_matter(curated, fake_lines, str(source))
    except CaseError as exc:
        problems.append(exc.diagnostic.message)
    if problems:
        print(f"{source}: error: {problems[0]} (fix: correct it and run ingest again)", file=sys.stderr)
        return 1
    raw = reader.parse(text, str(source), source.stem, "")
    found = pipeline.analyse(raw, pipeline.Rules.default(), require=False, hints=page.hints() if page else None).case
    ex = found
    fm: dict = {}
    # what the capture's text (and a saved page's metadata) gave becomes front matter to review;
    # a saved page's case file holds the article text the extractor found, never the HTML
    for key, value in (("title", found.title), ("subtitle", found.subtitle), ("date", found.date), ("source", found.source),
                       ("authors", list(found.authors)), ("url", found.url)):
        if value and found.origins.get(key) != "front matter":
            try:  # a page's metadata may hold what front matter refuses (a control character)
                reader.validate_front_matter({key: value}, {}, str(source))
            except CaseError as exc:
                print(f"  not written to the front matter: {exc.diagnostic.message}", file=sys.stderr)
                continue
            fm[key] = value
    if page is not None and page.captured and "captured" not in fm:
        fm["captured"] = page.captured  # the day the single-file save was made
    fm.update(curated)
    date = fm.get("date") or "0000-00-00"
    slug = args.slug or slugify(ex.title or source.stem, max_syllables=6, separator="-")
    if not reader.CASE_ID_RE.match(f"{date}-{slug}"):
        if args.slug:
            print(f"error: --slug '{args.slug}' is not lowercase ASCII letters, digits and '-'", file=sys.stderr)
            return 2
        slug = "case"
    target = args.cases / f"{date}-{slug}.txt"
    if target.exists():
        print(f"{target}: error: a case file with this name already exists; not overwritten "
              "(fix: pass --slug with another name)", file=sys.stderr)
        return 1
    import yaml
    header = "---\n" + yaml.safe_dump(fm, allow_unicode=True, sort_keys=False) + "---\n" if fm else ""
    args.cases.mkdir(parents=True, exist_ok=True)
    # write to a temporary file in the same folder, then link it into place: an interrupted
    # ingest never leaves a half-written case, and an existing case is never replaced
    fd, tmp = tempfile.mkstemp(dir=args.cases, prefix=".ingest-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(header + text)
        os.link(tmp, target)
    except FileExistsError:
        print(f"{target}: error: a case file with this name already exists; not overwritten", file=sys.stderr)
        return 1
    finally:
        os.unlink(tmp)
    print(f"created {target}")
    if page is not None:
        print(f"  from a saved web page (read as {page.encoding}): the case file holds the article text found in it, not the HTML")
    if "date" not in fm:
        print("  no date found: set 'date:' in the front matter and rename the file to match")
    print(f"  review the front matter, then run: python -m build_tools check {target}")
    return 0


def export_problem(out: pathlib.Path, cases_dir: pathlib.Path) -> Diagnostic | None:
    """Why `export` must not write ``out``, checked before anything is built or deleted; None
    when it may. ``out`` may be a new path (missing parent folders are created), an empty
    folder, or a folder an earlier export or build wrote (it carries staging.MARKER). Never a
    file, a symbolic link, the cases folder or a folder in it, nor a folder that is or holds the
    current directory, the cases folder or the repository."""
    from build_tools import staging

    def problem(message: str, fix: str) -> Diagnostic:
        return Diagnostic("error", str(out), None, message, fix)

    if out.is_symlink():
        return problem("the output path is a symbolic link", "give the path of a real folder")
    try:
        target, cases, here = out.resolve(), cases_dir.resolve(), pathlib.Path.cwd().resolve()
    except (OSError, RuntimeError) as exc:
        return problem(f"cannot resolve the output path: {exc}", "give a plain folder path")
    if target == cases or cases in target.parents:
        return problem("refusing to export into the cases folder", "give a folder outside cases/, e.g. 'exported'")
    protected = {"the current directory": here, "the cases folder": cases}
    for start in (here, cases):  # the git work trees holding them
        root = next((folder for folder in (start, *start.parents) if (folder / ".git").exists()), None)
        if root is not None:
            protected.setdefault("the repository", root)
    for what, folder in protected.items():
        if target == folder or target in folder.parents:
            return problem(f"refusing to write here: replacing this folder would delete {what} ({folder})",
                           "give a new folder for the export, e.g. 'exported'")
    for parent in target.parents:
        if os.path.lexists(parent) and not parent.is_dir():
            return problem(f"'{parent}' is a file, so no folder can be made under it", "give another output folder")
    if not os.path.lexists(target):
        return None
    if not target.is_dir():
        return problem("the output path is an existing file, not a folder", "give a folder path, or move the file away")
    if staging.has_marker(target):
        return None
    try:
        empty = next(os.scandir(target), None) is None
    except OSError as exc:
        return problem(f"cannot read the output folder: {exc.strerror}", "check its permissions")
    if empty:
        return None
    return problem(f"the folder is not empty and was not written by this tool (it has no {staging.MARKER} file); "
                   "it is not replaced", "give a new or empty folder, or delete this one yourself")


def cmd_export(args) -> int:
    from build_tools import site, staging

    try:
        _paths([], args.cases)
    except CaseError as exc:
        print(exc.diagnostic.format(), file=sys.stderr)
        return 2
    out = pathlib.Path(args.out_dir)
    problem = export_problem(out, args.cases)
    if problem:
        print(problem.format(), file=sys.stderr)
        return 2
    archive = pipeline.load_archive(pipeline.case_files(args.cases), display_root=pathlib.Path.cwd(),
                                    progress=_progress(sys.stderr), cache_dir=cache_dir())
    for notice in pipeline.skipped_files(args.cases, display_root=pathlib.Path.cwd()):
        print(notice.format(), file=sys.stderr)
    if archive.errors:
        for diag in archive.errors:
            print(diag.format(), file=sys.stderr)
        print(f"export stopped: {len(archive.errors)} invalid case(s); nothing was written", file=sys.stderr)
        return 1
    problem = export_problem(out, args.cases)  # again: the folder may have changed during the build
    if problem:
        print(problem.format(), file=sys.stderr)
        return 2
    target = out.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # missing parent folders are created
        from build_tools import provenance

        cases = provenance.with_capture_dates(archive.cases, pathlib.Path.cwd(), args.cases)
        count = site.export(cases, target, root=pathlib.Path.cwd())
        staging.write_marker(target)  # so that the next export may replace it
    except OSError as exc:
        print(Diagnostic("error", str(out), None, f"cannot write the export: {exc.strerror or exc}",
                         "check that the folder is writable and the disk is not full").format(), file=sys.stderr)
        return 1
    print(f"exported {count} pages ({len(archive.cases)} cases, 2 scripts) to {out}")
    return 0


def site_standard(config: pathlib.Path = pathlib.Path("mkdocs.yml")) -> str:
    """The Traditional standard the site declares (plugins: case-archive: traditional:), or the
    default when there is no readable site configuration here."""
    import yaml

    from build_tools import script

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and other tags
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=Loader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return script.DEFAULT_STANDARD
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("case-archive"), dict):
            value = plugin["case-archive"].get("traditional", script.DEFAULT_STANDARD)
            return value if value in script.STANDARDS else script.DEFAULT_STANDARD
    return script.DEFAULT_STANDARD


def cmd_convert(args) -> int:
    """Standard input converted as the build converts a case's text, to standard output."""
    from build_tools import convert, script
    from build_tools.model import HANS, HANT

    script.use_standard(args.standard or site_standard())
    names: tuple[str, ...] = ()
    if args.case:
        path = pathlib.Path(args.case)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CaseError(Diagnostic("error", str(path), None, f"cannot read the case file: {exc.strerror}",
                                       "pass an existing case file with --case")) from None
        raw = reader.parse(reader.decode(data, str(path)), str(path), path.stem, "")
        names = tuple(convert.protected_names(pipeline.analyse(raw, pipeline.Rules.default(), require=False).case))
    names += tuple(n for n in (args.name or []) if n)
    text = sys.stdin.read()
    sys.stdout.write(script.convert_text(text, HANT if args.to == "zh-Hant" else HANS, names))
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m build_tools",
                                     description="Case archive tools: check, inspect, ingest and export case files; convert text; check links; "
                                                 "write the offline copy.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate cases and show what was extracted, with warnings and errors")
    check.add_argument("files", nargs="*", help="case files (default: every file in --cases)")
    check.add_argument("--cases", type=pathlib.Path, default=DEFAULT_CASES, help="cases folder (default: cases)")
    check.add_argument("--quiet", "-q", action="store_true", help="only print problems and the summary")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--github", action="store_true", help="print problems as GitHub annotations")
    check.add_argument("--changed", action="store_true",
                       help="only cases changed against a git base; print a Markdown summary for the pull request")
    check.add_argument("--base", help="git base for --changed (default: origin/main, main, origin/master or master)")
    check.add_argument("--site-url", default="", help="preview site address for the links in the --changed summary")
    check.set_defaults(func=cmd_check)
    inspect = sub.add_parser("inspect", help="show what the pipeline makes of one raw capture (writes nothing)")
    inspect.add_argument("file")
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    inspect.set_defaults(func=cmd_inspect)
    ingest = sub.add_parser("ingest", help="turn a raw capture into a new case file under cases/ for review")
    ingest.add_argument("raw_file")
    ingest.add_argument("--url", help="original address of the article")
    ingest.add_argument("--issue", action="store_true",
                        help="RAW_FILE is the body of a case-submission issue (gh issue view N --json body -q .body)")
    ingest.add_argument("--slug", help="ASCII slug for the file name (default: pinyin of the title)")
    ingest.add_argument("--cases", type=pathlib.Path, default=DEFAULT_CASES, help="cases folder (default: cases)")
    ingest.set_defaults(func=cmd_ingest)
    export = sub.add_parser("export", help="write the site's page files (both scripts; .md, case pages with an HTML body) to a folder")
    export.add_argument("out_dir")
    export.add_argument("--cases", type=pathlib.Path, default=DEFAULT_CASES, help="cases folder (default: cases)")
    export.set_defaults(func=cmd_export)
    convert = sub.add_parser("convert", help="convert standard input to Simplified or Traditional exactly as the build does",
                             description="Read text from standard input and write it converted, with the build's rules: the "
                                         "site's Traditional standard, the archive's phrase lists, places, and the person "
                                         "names of --case (its authors, credits and names: list) and --name.")
    convert.add_argument("--to", required=True, choices=("zh-Hant", "zh-Hans"), help="target script")
    convert.add_argument("--case", help="a case file whose person names are kept as written")
    convert.add_argument("--name", action="append", help="a person name to keep as written (repeatable)")
    convert.add_argument("--standard", choices=("tw", "hk", "opencc"),
                         help="Traditional standard (default: traditional: in ./mkdocs.yml, else tw)")
    convert.set_defaults(func=cmd_convert)
    from build_tools import bundle, links

    links.add_parser(sub)
    bundle.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        from build_tools import script
        script.use_standard(site_standard())  # check, export and inspect convert as the site does
        return args.func(args)
    except CaseError as exc:
        for diag in exc.diagnostics:
            print(diag.format(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # output piped into a command that stopped reading (e.g. `| head`): exit quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
