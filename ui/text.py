"""User text shown as text: every title, sticky text, opportunity title, author name and
message that quotes them goes through :func:`md` before Streamlit renders it as Markdown.

Streamlit renders labels, captions, toasts and alerts as Markdown, so a board title
``![x](https://tracker/p.png)`` would load an image from any host, and ``:red[…]`` or
``:material/…:`` would dress text up as the interface. Escaped, they show as typed.
"""

from __future__ import annotations

import html
import re

#: Characters that start Markdown or Streamlit syntax inside a line: links and images
#: (``[…](…)``), ``:red[…]`` and ``:material/icon:``, emphasis, code, strikethrough,
#: ``$math$``, headings and tables. Each gets a backslash, which Markdown drops again.
_SPECIAL = re.compile(r"([\\`*_\[\]:$~#|])")
#: What makes a line a list item or a quote when it starts it: ``- x``, ``+ x``, ``1. x``.
_LEADING = re.compile(r"^(\s*\d*)([-+.)])(?=\s|$)")


def md(text: object) -> str:
    """``text`` as Markdown that shows exactly ``text``: one line, Markdown and Streamlit
    syntax escaped, HTML tags shown as text."""
    value = " ".join(str(text).split())
    value = html.escape(value, quote=False)  # <img …> shows as typed, never as a tag
    value = _SPECIAL.sub(r"\\\1", value)
    return _LEADING.sub(r"\1\\\2", value)
