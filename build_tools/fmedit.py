"""A minimal edit of a case file's front matter: one ``key: value`` line added, every other
byte kept (the capture, the other keys, comments, line ends, a byte-order mark).

Written by hand rather than by loading and dumping the YAML (python-frontmatter, ruamel): a
dump rewrites quoting, key order and comments, and the case file is the archive's record.
"""

from __future__ import annotations

import codecs
import os
import pathlib
import re

from build_tools import reader

_DELIMITER = re.compile(rb"^-{3,}[ \t]*$")


def with_key(data: bytes, key: str, value: str) -> bytes:
    """``data`` (a case file's bytes) with ``key: value`` added as the last front-matter line,
    or with a new front matter holding only that line; unchanged when ``key`` is already there."""
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    body = data[len(bom):]
    lines = body.splitlines(keepends=True)
    new = f"{key}: {value}".encode("utf-8")

    def ending(line: bytes) -> bytes:
        return line[len(line.rstrip(b"\r\n")):] or b"\n"

    if lines and _DELIMITER.match(lines[0].rstrip(b"\r\n")):
        for index in range(1, len(lines)):
            text = lines[index].rstrip(b"\r\n")
            if _DELIMITER.match(text):
                if any(re.match(rb"^" + re.escape(key.encode()) + rb"[ \t]*:", line) for line in lines[1:index]):
                    return data
                eol = ending(lines[index - 1])
                return bom + b"".join(lines[:index]) + new + eol + b"".join(lines[index:])
    eol = ending(lines[0]) if lines else b"\n"
    return bom + b"---" + eol + new + eol + b"---" + eol + body


def add_key(path: pathlib.Path, key: str, value: str) -> bool:
    """Add ``key: value`` to the front matter of the case file at ``path`` (replaced whole, so a
    reader never sees half a file); False when the key is already there. The new file is read
    back as a case first: an edit that would make it invalid raises CaseError and writes nothing."""
    data = path.read_bytes()
    edited = with_key(data, key, value)
    if edited == data:
        return False
    reader.parse(reader.decode(edited, str(path)), str(path), path.stem, "")
    part = path.with_name(f".{path.name}.part-{os.getpid()}")
    part.write_bytes(edited)
    os.chmod(part, path.stat().st_mode & 0o7777)
    os.replace(part, path)
    return True
