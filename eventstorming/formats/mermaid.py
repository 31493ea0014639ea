"""A board as a Mermaid flowchart, ready to paste into a README on GitHub or GitLab.

Each lane is a ``subgraph``; each sticky a node with the class of its kind, filled in
its EventStorming colour; each link an arrow (with its label). Node ids are generated
(``s1``, ``s2``, ...) so that no sticky id can clash with Mermaid's keywords, and every
text is quoted with quotes, brackets, ``<``, ``>``, ``&``, ``#`` and the like written as
Mermaid entity codes, so that what a workshop typed is shown, never interpreted.
"""

from __future__ import annotations

from eventstorming.model import KIND_COLORS, Board, Kind

#: Node shapes by kind: (opening, closing) brackets around the quoted text.
_SHAPES: dict[Kind, tuple[str, str]] = {
    Kind.ACTOR: ("([", "])"),
    Kind.HOTSPOT: ("{{", "}}"),
    Kind.READMODEL: ("[(", ")]"),
    Kind.SYSTEM: ("[[", "]]"),
}
_TEXT_COLOR = {Kind.HOTSPOT: "#fff"}
_ESCAPES = {
    "#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;",
    "[": "#91;", "]": "#93;", "(": "#40;", ")": "#41;", "{": "#123;", "}": "#125;",
    "|": "#124;", ";": "#59;", "\\": "#92;",
}


def mermaid_text(text: str) -> str:
    """Text made safe inside a quoted Mermaid label: special characters as entity codes,
    white space (line breaks included) folded to single spaces."""
    text = " ".join(text.split())
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def write_mermaid(board: Board) -> str:
    """The board as a Mermaid ``flowchart LR``: lanes as subgraphs, a ``classDef`` per
    kind in EventStorming colours, links as arrows."""
    node = {s.id: f"s{n}" for n, s in enumerate(sorted(board.stickies,
                                                       key=lambda s: s.order), 1)}
    lines = ["flowchart LR"]
    if board.title:
        lines.append(f"  %% {mermaid_text(board.title)}")
    kinds = [k for k in Kind if board.of_kind(k)]
    for kind in kinds:
        color = _TEXT_COLOR.get(kind, "#000")
        lines.append(f"  classDef {kind.value} fill:{KIND_COLORS[kind]},stroke:#555,"
                     f"color:{color}")

    def node_line(sticky_id: str, indent: str) -> str:
        sticky = board.sticky(sticky_id)
        left, right = _SHAPES.get(sticky.kind, ("[", "]"))
        return (f'{indent}{node[sticky_id]}{left}"{mermaid_text(sticky.text)}"{right}'
                f":::{sticky.kind.value}")

    ordered = sorted(board.stickies, key=lambda s: s.order)
    for number, lane in enumerate(board.lanes, 1):
        members = [s for s in ordered if s.lane == lane]
        if not members:
            continue
        lines.append(f'  subgraph lane{number}["{mermaid_text(lane)}"]')
        lines.append("    direction LR")
        lines.extend(node_line(s.id, "    ") for s in members)
        lines.append("  end")
    lines.extend(node_line(s.id, "  ") for s in ordered if s.lane not in board.lanes)
    for link in board.links:
        if link.source in node and link.target in node:
            label = f'|"{mermaid_text(link.label)}"|' if link.label else ""
            lines.append(f"  {node[link.source]} -->{label} {node[link.target]}")
    return "\n".join(lines) + "\n"
