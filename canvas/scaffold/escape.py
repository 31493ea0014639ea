"""Escaping for every language a spec string can land in.

Spec text never becomes code. Python files of the generated project contain no spec text at
all (they read ``params.yaml`` at run time); YAML is written with ``yaml.safe_dump``; the
other files use these functions.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

#: Characters that start Markdown (or GitHub) syntax anywhere in a line: emphasis, code,
#: links and images (``[``; ``!`` and ``(`` do nothing without it), tables, strikethrough,
#: math. Others (``.``, ``(``, ``-``, ``#``) only count at the start of a line
#: (:data:`_MD_LEADING`), so "0.1429" and "(guess)" stay as written in the README.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
#: What makes a line a heading or list item when it starts it (``>`` is escaped as HTML).
_MD_LEADING = re.compile(r"^(\d+)([.)])(?=\s|$)|^()(#|[+\-=](?=\s|$))")


def one_line(text: Any) -> str:
    """Text on one line: every run of white space (newlines too) as one space."""
    return " ".join(str(text).split())


def markdown(text: Any) -> str:
    """Text that Markdown and HTML show literally: no markup, no tags, no line breaks."""
    escaped = _MD_LEADING.sub(lambda m: f"{m[1] or ''}\\{m[2] or m[4]}",
                              _MD_SPECIAL.sub(r"\\\1", one_line(text)))
    return html.escape(escaped, quote=False)


def toml_string(text: Any) -> str:
    """A TOML basic string (double quotes; backslash, quote and control characters escaped)."""
    out = []
    for char in str(text):
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def json_string(text: Any) -> str:
    """A JSON string literal (also a valid Python literal and Dockerfile exec-form item)."""
    return json.dumps(str(text))


def is_slug(text: str) -> bool:
    """A name that is safe as a file name, package name, Makefile and shell word."""
    return re.fullmatch(r"[a-z][a-z0-9_]*", text) is not None
