"""The site's own stylesheet and scripts (the search box's), in each script's site (``assets/``).

They live beside the theme templates that use them (build_tools/mkdocs/theme/assets/): every
file of that folder is published."""

from __future__ import annotations

import pathlib

from build_tools.outputs import Output

FOLDER = pathlib.Path(__file__).resolve().parent.parent / "mkdocs" / "theme" / "assets"


class Assets(Output):
    name = "assets"
    title = "stylesheet and scripts"
    order = 10

    def files(self, context):
        return [(f"assets/{path.name}", path.read_text(encoding="utf-8"))
                for path in sorted(FOLDER.iterdir()) if path.is_file() and not path.name.startswith(".")]
