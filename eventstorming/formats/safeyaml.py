"""Read YAML safely: plain data only, a size limit (as text and expanded), no shared
lists or mappings.

``yaml.safe_load`` already refuses arbitrary tags; on top of that the size of the text is
capped and anchors/aliases are refused outright, so an alias-expansion bomb ("billion
laughs") is rejected at once instead of exploding later when the data is walked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

#: Largest YAML document read, in bytes.
MAX_YAML_BYTES = 5 * 1024 * 1024
#: How much larger than its text a document may become by expanding its aliases.
ALIAS_SLACK = 64 * 1024
#: Deepest nesting of flow lists and mappings read.
MAX_DEPTH = 1_000
_BRACKET = re.compile(r"[\[\]{}]")


class YamlError(ValueError):
    """YAML that cannot be read; the message names the source and the line."""

    def __init__(self, message: str, source: str | None = None, line: int | None = None):
        self.source, self.line, self.message = source, line, message
        where = source or "<yaml>"
        if line is not None:
            where += f", line {line}"
        super().__init__(f"{where}: {message}")


_SURROGATE = re.compile("[\ud800-\udfff]")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """The size of a document with every alias written out: each node counts one, a
    scalar its length as well. An alias is the same node met again, so a scalar alias
    counts its text each time and merge keys (``<<: [*m, *m]``) count what they copy.
    Sizes are remembered per node, so the walk is linear in the composed graph, and it
    stops as soon as ``limit`` is passed (the count never builds the expanded data)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1 + len(node.value)
            continue
        children = ([n for pair in node.value for n in pair]
                    if isinstance(node, yaml.MappingNode) else list(node.value))
        if not children_done:
            sizes_known = all(id(child) in sizes for child in children)
            if not sizes_known:
                stack.append((node, True))
                stack.extend((child, False) for child in children if id(child) not in sizes)
                continue
        total = 1
        for child in children:
            total += sizes.get(id(child), 0)
            if total > limit:
                raise YamlError(f"the document expands to more than {limit:,} characters "
                                f"through its anchors and aliases (&name / *name)")
        sizes[id(node)] = total
    return sizes[id(root)]


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


def _too_deep(text: str | bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether flow brackets (``[[[…`` / ``{{{…``) nest deeper than ``limit``: the parser
    composes nested nodes recursively in C, where running out of stack is a crash, not an
    exception. Counted on the brackets alone, in linear time (brackets inside quoted
    texts count too, which only errs on the safe side)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for match in _BRACKET.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            return True
    return False


def load_yaml(text: str | bytes, source: str | None = None,
              max_bytes: int = MAX_YAML_BYTES,
              inspect: Callable[[yaml.Node], None] | None = None) -> Any:
    """Parse one YAML document into plain Python data (lists, mappings, scalars).

    The document is composed first and its size with every alias expanded is counted
    (:func:`_expanded_size`) before any Python data is built, so a scalar alias repeated
    thousands of times or nested merge keys are refused in linear time and memory.

    Raises:
        YamlError: too large (as text or expanded), not valid YAML (with the line), a
            number too long to read, or using anchors/aliases for lists or mappings.
    """
    size = len(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    if size > max_bytes:
        raise YamlError(f"the file is {size:,} bytes; the limit is {max_bytes:,}", source)
    if isinstance(text, str):  # a lone surrogate cannot reach the parser, which needs UTF-8
        text = _SURROGATE.sub("\ufffd", text)
    if _too_deep(text):
        raise YamlError(f"the document nests lists or mappings more than {MAX_DEPTH:,} "
                        f"deep", source)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "&" in (text if isinstance(text, str) else text.decode("utf-8", "replace")):
            # without an anchor there is no alias; with them, the document may not grow
            # past its own size (and a little): aliases are shorthand, not a multiplier
            _expanded_size(node, min(max_bytes, size + ALIAS_SLACK))
        if inspect is not None:
            inspect(node)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(f"not valid YAML: {exc.problem or exc.context}", source, line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"not valid YAML: {exc}", source) from None
    except YamlError as exc:
        raise YamlError(exc.message, source) from None
    except ValueError as exc:  # int() of a number longer than Python reads (4,300 digits)
        raise YamlError(f"a value cannot be read ({str(exc).split(';')[0]})", source) from None
    except RecursionError:
        raise YamlError("the document is nested too deeply", source) from None
    finally:
        loader.dispose()
    try:
        _refuse_shared(data)
    except YamlError as exc:
        raise YamlError(exc.message, source) from None
    return data


def dump_yaml(data: Any) -> str:
    """YAML that reads well in a git diff: block style, keys in the given order, unicode kept."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
