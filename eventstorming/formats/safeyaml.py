"""Read YAML safely: plain data only, a size limit, no anchors or aliases.

``yaml.safe_load`` already refuses arbitrary tags; on top of that the size of the text is
capped and anchors/aliases are refused outright, so an alias-expansion bomb ("billion
laughs") is rejected at once instead of exploding later when the data is walked.
"""

from __future__ import annotations

from typing import Any

import yaml

#: Largest YAML document read, in bytes.
MAX_YAML_BYTES = 5 * 1024 * 1024


class YamlError(ValueError):
    """YAML that cannot be read; the message names the source and the line."""

    def __init__(self, message: str, source: str | None = None, line: int | None = None):
        self.source, self.line, self.message = source, line, message
        where = source or "<yaml>"
        if line is not None:
            where += f", line {line}"
        super().__init__(f"{where}: {message}")


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _refuse_shared(data: Any) -> None:
    """Raise when one list or mapping is reached twice: the mark of an alias."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            if id(item) in seen:
                raise YamlError("anchors and aliases (&name / *name) are not allowed here")
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)


def load_yaml(text: str | bytes, source: str | None = None,
              max_bytes: int = MAX_YAML_BYTES) -> Any:
    """Parse one YAML document into plain Python data (lists, mappings, scalars).

    Raises:
        YamlError: too large, not valid YAML (with the line), or using anchors/aliases
            for lists or mappings.
    """
    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    if size > max_bytes:
        raise YamlError(f"the file is {size:,} bytes; the limit is {max_bytes:,}", source)
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(f"not valid YAML: {exc.problem or exc.context}", source, line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"not valid YAML: {exc}", source) from None
    try:
        _refuse_shared(data)
    except YamlError as exc:
        raise YamlError(exc.message, source) from None
    return data


def dump_yaml(data: Any) -> str:
    """YAML that reads well in a git diff: block style, keys in the given order, unicode kept."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
