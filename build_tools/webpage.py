"""Saved web pages as captures: a browser's `.html`/`.htm` save or a single-file `.mhtml` becomes
the text a contributor would have pasted (headline, the lines under it, the article) plus the
metadata the page declares (headline, publication date, outlet, address).

Charset: a byte-order mark, else the page's own declaration (`<meta charset>` or the
`http-equiv` Content-Type; GB2312/GBK read as their superset GB18030), else UTF-8 when the bytes
are valid UTF-8, else what charset-normalizer detects. MHTML: the standard library's `email`
package reads the first text/html part (quoted-printable or base64) and its address.

The article is found by GNE (PyPI `gne`), chosen over trafilatura by measurement on the six saved
pages in tests/corpus_html (python scripts/html_extractors.py): article paragraphs kept whole
GNE 19/23, trafilatura 8/23 (both keep all 23 somewhere); chrome strings leaked GNE 4/85,
trafilatura 30/85; titles and dates 6/6 each. trafilatura read the table layouts of the
government page, the e-paper and the forum as whole-page tables (navigation and footer kept,
paragraphs run together); GNE's misses were a forum attachment line and a breadcrumb, which the
cleaner removes (the archive's whole reading: 23/23 whole, 0/85 leaked). GNE chooses the node; its own text output puts every inline link on a line of its
own and runs `<br>` lines together, so the node's text is written out here, one line per block
(a few lines by hand: no maintained library in the dependencies renders blocks as plain lines).
Script, style and other non-text elements are removed before anything reads the page.
"""

from __future__ import annotations

import codecs
import datetime
import email
import email.policy
import json
import re
from dataclasses import dataclass, field

from build_tools import dates
from build_tools.model import CaseError, Diagnostic

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MHTML_SUFFIXES = (".mhtml", ".mht")
MAX_PAGE_BYTES = 20 * 1024 * 1024  # a saved page with inline images; the article is a small part
# elements whose content is never article text (and never a title)
_NOT_TEXT = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
             "textarea", "select", "option", "button", "input", "head", "link", "meta", "nav", "aside")
_BLOCKS = frozenset("p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr table tbody thead tfoot td th section article header "
                    "footer main blockquote figure figcaption pre hr address center form fieldset legend caption".split())
_BR = "\ue000"  # a line break inside a text run, kept through the extractor (private-use character)
_DECLARED = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# encodings as browsers read them: the declared name is a subset of what pages really hold
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "big5": "big5hkscs",
              "iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}
_DATE_META = ("article:published_time", "og:published_time", "og:release_date", "publishdate", "pubdate", "publish_date",
              "publishtime", "publish-date", "firstpublishedtime", "dc.date.issued", "dc.date", "dcterms.created", "date",
              "sailthru.date", "parsely-pub-date", "itemprop:datepublished")
_SOURCE_META = ("contentsource", "source", "og:source", "article:source")
_SITE_META = ("og:site_name", "sitename", "site_name", "application-name", "apple-mobile-web-app-title")
_TITLE_META = ("og:title", "twitter:title", "articletitle", "title", "headline")


@dataclass
class Page:
    """A saved page read for the pipeline: the capture text and what the page declares."""

    text: str  # headline, the lines under it, the article: one line per block
    encoding: str
    title: str | None = None
    date: datetime.date | None = None
    source: str | None = None  # an outlet the page names in its metadata
    site: str | None = None  # the site's name (a fallback for the outlet)
    authors: tuple[str, ...] = ()
    url: str | None = None
    description: str | None = None
    captured: datetime.date | None = None  # the day the page was saved (an MHTML's Date header)
    meta: dict[str, str] = field(default_factory=dict)

    def hints(self):
        """The page's metadata for the merge (pipeline.analyse): what beats the text's own
        findings and what only fills a gap."""
        from build_tools.model import Hints

        over = {"title": self.title, "date": self.date, "source": self.source, "url": self.url}
        fallback = {"source": self.site, "authors": list(self.authors)}
        return Hints({k: v for k, v in over.items() if v}, {k: v for k, v in fallback.items() if v})


def is_page(name: str) -> bool:
    """A saved web page by its file name (the suffix a browser gives it)."""
    return name.lower().endswith(HTML_SUFFIXES + MHTML_SUFFIXES)


def _error(path: str, message: str, fix: str) -> CaseError:
    return CaseError(Diagnostic("error", path, None, message, fix))


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, path: str, declared: str | None = None) -> tuple[str, str]:
    """The page's text and the encoding it was read with; a CaseError when it is not a page."""
    if not data.strip():
        raise _error(path, "the file is empty", "save the page again from the browser (Save page as…, 'Web page, complete' or 'single file')")
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace").lstrip("\ufeff"), name
    if b"\0" in data[:4096]:
        raise _error(path, "the file is binary (it contains NUL bytes), not a saved web page",
                     "save the article's page from the browser as .html or .mhtml, or paste its text into a .txt file")
    head = data[:16384]  # browsers look further than the 1,024 bytes of the standard
    found = _DECLARED.search(head)
    candidates = [_codec(declared), _codec(found.group(1).decode("ascii", "replace") if found else None)]
    for name in candidates:
        if name:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass  # a wrong declaration: read the bytes as they are
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        said = f" (it declares {found.group(1).decode('ascii', 'replace')})" if found else ""
        raise _error(path, f"cannot tell the page's character encoding{said}; the bytes are not text in any known encoding",
                     "open the page in a browser and save it again, or convert it: iconv -f GB18030 -t UTF-8 "
                     f"'{path}' > page.html")
    name = _codec(best.encoding) or best.encoding
    return data.decode(name, errors="replace"), name


def saved_on(data: bytes) -> datetime.date | None:
    """The day a single-file save was made (its Date header, in the saver's own time zone)."""
    import email.utils

    message = email.message_from_bytes(data.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0], policy=email.policy.compat32)
    try:
        return email.utils.parsedate_to_datetime(" ".join(str(message.get("Date") or "").split())).date()
    except (TypeError, ValueError, IndexError):
        return None


def read_mhtml(data: bytes, path: str) -> tuple[bytes, str | None, str | None]:
    """The HTML part of a single-file save: (bytes, declared charset, address)."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    def address(headers) -> str | None:  # a long header may be folded over lines
        value = headers.get("Snapshot-Content-Location") or headers.get("Content-Location")
        return "".join(str(value).split()) or None if value else None

    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload, part.get_content_charset(), address(part) or address(message)
    raise _error(path, "no HTML part found in this MHTML file",
                 "save the page again as 'Webpage, single file' (.mhtml), or as 'Web page, complete' (.html)")


def _tree(text: str, path: str):
    import lxml.etree
    import lxml.html

    text = text.replace(_BR, "")
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses a declaration in a str
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise _error(path, f"cannot read the page as HTML: {exc}", "save the page again from the browser") from None
    return root


def _meta(root) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in root.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        if node.get("itemprop") and not node.get("name"):
            key = "itemprop:" + key
        value = " ".join((node.get("content") or "").split())
        if key and value and key not in found:
            found[key] = value
    for node in root.iter("link"):
        if "canonical" in (node.get("rel") or "").lower().split() and node.get("href") and "canonical" not in found:
            found["canonical"] = node.get("href").strip()
    for node in root.iter("script"):  # JSON-LD: read, then removed with the other scripts
        if (node.get("type") or "").lower() == "application/ld+json" and node.text:
            try:
                data = json.loads(node.text)
            except ValueError:
                continue
            for item in data if isinstance(data, list) else [data]:
                if isinstance(item, dict):
                    for key in ("headline", "datePublished"):
                        if isinstance(item.get(key), str) and "ld:" + key.lower() not in found:
                            found["ld:" + key.lower()] = " ".join(item[key].split())
    return found


def _strip(root, keep_head: bool) -> None:
    """Remove what is never text: comments, scripts, styles, forms, navigation (and the head)."""
    import lxml.etree

    lxml.etree.strip_elements(root, lxml.etree.Comment, lxml.etree.ProcessingInstruction, with_tail=False)
    lxml.etree.strip_elements(root, *[t for t in _NOT_TEXT if not keep_head or t not in ("head", "meta", "link")], with_tail=False)


def _lines(body, article) -> list[tuple[str, bool]]:
    """The visible text under ``body``: one line per block (and per <br>), each with whether it
    is inside ``article``."""
    out: list[tuple[str, bool]] = []
    buffer: list[str] = []
    state = {"inside": False}

    def flush() -> None:
        text = "".join(buffer)
        buffer.clear()
        for piece in text.split(_BR):
            piece = " ".join(piece.split())
            if piece:
                out.append((piece, state["inside"]))

    def walk(element, inside: bool) -> None:
        inside = inside or element is article
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in _BLOCKS or inside != state["inside"]:
            flush()
            state["inside"] = inside
        if element.text:
            buffer.append(element.text)
        for child in element:
            walk(child, inside)
            if child.tail:
                if inside != state["inside"]:
                    flush()
                    state["inside"] = inside
                buffer.append(child.tail)
        if tag in _BLOCKS or element is article:
            flush()

    walk(body, False)
    flush()
    return out


def _han(text: str) -> str:
    return "".join(re.findall(r"[\u3400-\u9fff]", text or ""))


def _article_node(root):
    """The node GNE scores as the article, found in ``root``'s own tree (GNE edits a copy)."""
    import lxml.html
    from gne import extractor, utils

    utils.config.clear()  # GNE reads a '.gne' file in the current folder: a page reads the same from anywhere
    nodes = {}
    for index, node in enumerate(n for n in root.iter() if isinstance(n.tag, str)):
        node.set("data-capture-node", str(index))
        nodes[str(index)] = node
    try:
        working = utils.pre_parse(lxml.html.document_fromstring(lxml.html.tostring(root, encoding="unicode")))
        ranked = extractor.ContentExtractor().extract(working)
    finally:
        for node in nodes.values():
            del node.attrib["data-capture-node"]
    best = ranked[0][1]["node"] if ranked else None
    while best is not None and best.get("data-capture-node") not in nodes:
        best = best.getparent()
    return nodes[best.get("data-capture-node")] if best is not None else None


def _headline(root, meta: dict[str, str]) -> str | None:
    """GNE's headline (a heading that the <title> contains, by longest common part), else the
    page's declared title."""
    from gne import utils
    from gne.extractor import TitleExtractor

    utils.config.clear()  # (see _article_node)
    try:
        title = TitleExtractor().extract(root)
    except Exception:  # noqa: BLE001 - a page GNE cannot read has no headline for it; the meta tags may
        title = ""
    title = " ".join((title or "").split())
    if len(_han(title)) >= 4:
        return title
    for key in _TITLE_META + ("ld:headline",):
        if len(_han(meta.get(key, ""))) >= 4:
            return meta[key]
    return title or None


def _site_from_title(title_tag: str, headline: str | None) -> str | None:
    parts = [p.strip() for p in re.split(r"\s*(?:[_|｜]|\s-\s|--|——|-(?=\S))\s*", title_tag) if p.strip()]
    parts = [p for p in parts if not re.search(r"powered by", p, re.I)]
    if len(parts) >= 2 and headline and _han(parts[0]) == _han(headline):
        return parts[-1]
    if len(parts) >= 2 and headline and _han(parts[-1]) == _han(headline):
        return parts[0]
    return None


def read(data: bytes, path: str) -> Page:
    """A saved page (.html or .mhtml bytes) as the capture text and its declared metadata."""
    if len(data) > MAX_PAGE_BYTES:
        raise _error(path, f"the file is {len(data) // 1024 // 1024} MB, larger than the {MAX_PAGE_BYTES // 1024 // 1024} MB limit for a saved page",
                     "save only the article's page ('Web page, HTML only'), or paste its text into a .txt file")
    location = None
    declared = None
    captured = None
    if path.lower().endswith(MHTML_SUFFIXES) or data[:300].lstrip().lower().startswith((b"from:", b"mime-version:")):
        if not data.strip():
            decode(data, path)  # the empty-file message
        captured = saved_on(data)
        data, declared, location = read_mhtml(data, path)
    text, encoding = decode(data, path, declared)
    if not re.search(r"<\s*(html|body|head|p|div|title|meta)\b", text[:20000], re.I):
        raise _error(path, "this does not look like a web page (no HTML tags found)",
                     "save the page from the browser as .html or .mhtml; for plain text use a .txt file")
    root = _tree(text, path)
    meta = _meta(root)
    title_tag = " ".join((root.findtext(".//title") or "").split())
    _strip(root, keep_head=True)
    headline = _headline(root, meta)
    _strip(root, keep_head=False)
    for node in list(root.iter("br")):  # a line break becomes text that survives the extractor
        node.tail = _BR + (node.tail or "")
    body = root.find("body") if root.find("body") is not None else root
    node = _article_node(root)
    if node is None:
        raise _error(path, "no article text found in the page",
                     "open the page in a browser, copy the article into a .txt file and ingest that")
    lines = _lines(body, node)
    main = [i for i, (_, inside) in enumerate(lines) if inside]
    if not main:
        raise _error(path, "no article text found in the page",
                     "open the page in a browser, copy the article into a .txt file and ingest that")
    # the capture starts at the headline: the lines between it and the article (byline, date,
    # outlet) are what a person selects with it; the cleaner takes the chrome among them out
    start, end = main[0], main[-1] + 1
    wanted = _han(headline)
    at = next((i for i in range(min(end, len(lines))) if wanted and _han(lines[i][0]) == wanted), None)
    if at is not None and (at >= start or start - at <= 40):
        picked = [line for line, _ in lines[at:end]]
    else:
        picked = ([headline] if headline else []) + [line for line, _ in lines[start:end]]
    capture = "\n\n".join(picked) + "\n"
    page_date = next((d for key in _DATE_META + ("ld:datepublished",) if meta.get(key)
                      for d in [dates.parse(meta[key])] if d), None)
    url = next((meta[k] for k in ("canonical", "og:url") if re.match(r"^https?://[^\s<>\"'`]+$", meta.get(k, ""))), None)
    # a browser's 'Web page, complete' marks where it came from: <!-- saved from url=(0062)https://… -->
    saved_from = re.search(r"<!--\s*saved from url=\(\d+\)(https?://[^\s<>\"'`]+?)\s*-->", text[:2000])
    location = location or (saved_from.group(1) if saved_from else None)
    if url is None and location and re.match(r"^https?://[^\s<>\"'`]+$", location):
        url = location
    authors = tuple(n for n in re.split(r"[、,，;；\s]+", meta.get("author", "")) if n)
    from build_tools.extract import is_person_name

    return Page(
        text=capture, encoding=encoding, title=headline, date=page_date,
        source=next((meta[k] for k in _SOURCE_META if meta.get(k)), None),
        site=next((meta[k] for k in _SITE_META if meta.get(k)), None) or _site_from_title(title_tag, headline),
        authors=authors if authors and all(is_person_name(n) for n in authors) else (),
        url=url, description=meta.get("description"), meta=meta, captured=captured,
    )
