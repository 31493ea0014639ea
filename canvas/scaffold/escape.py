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

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def one_line(text: Any) -> str:
    """Text on one line: every run of white space (newlines too) as one space."""
    return " ".join(str(text).split())


def markdown(text: Any) -> str:
    """Text that Markdown and HTML show literally: no markup, no tags, no line breaks."""
    return html.escape(_MD_SPECIAL.sub(r"\\\1", one_line(text)), quote=False)


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
