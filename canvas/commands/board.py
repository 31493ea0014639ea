"""Board commands: ``show``, ``export``, ``import``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from canvas.commands import UNREADABLE, CommandError, load_board, user_errors, write_output
from eventstorming.formats.importers.colors import parse_color_map
from eventstorming.formats.importers.common import plural
from eventstorming.formats.io import (
    EXPORTERS,
    IMPORT_FORMATS,
    export_board,
    import_board,
    read_bytes,
)
from eventstorming.formats.safeyaml import load_yaml
from eventstorming.model import Kind


def register(sub: argparse._SubParsersAction) -> None:
    show = sub.add_parser("show", help="summarise a board",
                          description="Print a board's title, lanes and counts.")
    show.add_argument("board", metavar="BOARD", help="a .storm or YAML board file")
    show.add_argument("--json", action="store_true", help="print the summary as JSON")
    show.set_defaults(func=cmd_show)

    export = sub.add_parser("export", help="write a board in another format",
                            description="Write a board as .storm text, YAML or another "
                                        "format.")
    export.add_argument("board", metavar="BOARD", help="a board file (.storm, YAML or a "
                                                       "drawing mlcanvas imports)")
    export.add_argument("--format", "-f", required=True, choices=sorted(EXPORTERS),
                        help="the format to write: storm, yaml, mermaid (a flowchart for a "
                             "README), excalidraw (opens in Excalidraw) or drawio (opens in "
                             "draw.io: stickies coloured by kind, lanes as swimlanes, links "
                             "as connectors)")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    export.set_defaults(func=cmd_export)

    imp = sub.add_parser(
        "import", help="bring a board in from Excalidraw, Miro, draw.io or prooph board",
        description="Read a board from Excalidraw (.excalidraw), Miro (REST API v2 items "
                    "or Web SDK items, JSON), draw.io (.drawio/.xml, plain or compressed) "
                    "or prooph board (XML), or a .storm/YAML board, and write it as an "
                    "mlcanvas YAML board. Kinds come from colours where the tool has no "
                    "types; the report says what was recognised and what was skipped.")
    imp.add_argument("input", metavar="INPUT", help="the board file to import")
    imp.add_argument("-o", "--output", metavar="BOARD.yaml", required=True,
                     help="where to write the YAML board")
    imp.add_argument("--format", choices=IMPORT_FORMATS,
                     help="force the input format instead of detecting it from the content")
    imp.add_argument("--colors", metavar="MAP.yaml",
                     help="a YAML mapping of colour to kind (\"#ffec99\": actor, "
                          "light_yellow: aggregate, \"#cccccc\": skip) that comes first")
    imp.set_defaults(func=cmd_import)


def cmd_show(args: argparse.Namespace) -> int:
    board = load_board(args.board)
    summary = board.summary()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    print(summary["title"])
    print(f"  {plural(summary['stickies'], 'sticky')}, {plural(summary['links'], 'link')}, "
          f"{plural(len(summary['lanes']), 'lane')}")
    if summary["lanes"]:
        print("  lanes: " + ", ".join(summary["lanes"]))
    for kind, count in summary["counts"].items():
        print(f"  {kind:<12} {count}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    board = load_board(args.board)
    with user_errors():
        text = export_board(board, args.format)
    write_output(text, args.output)
    return 0


def _color_map(path: str) -> dict[str, Kind | None]:
    """The ``--colors`` file: a YAML mapping of colour to kind."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8"
        raise CommandError(f"{path}: cannot read the colour map ({reason})",
                           UNREADABLE) from None
    with user_errors():
        return parse_color_map(load_yaml(text, source=path), source=path)


def cmd_import(args: argparse.Namespace) -> int:
    colors = _color_map(args.colors) if args.colors else None
    with user_errors():
        result = import_board(read_bytes(args.input), args.input, args.format, colors)
    board = result.board
    write_output(export_board(board, "yaml"), args.output)
    # With "-o -" the board goes to stdout, so the report goes to stderr.
    out = sys.stderr if args.output == "-" else sys.stdout
    print(f"imported '{board.title}' ({result.format}): {plural(len(board.stickies), 'sticky')}, "
          f"{plural(len(board.links), 'link')}, {plural(len(board.lanes), 'lane')} -> "
          f"{args.output}", file=out)
    for line in result.report:
        print(f"  {line}", file=out)
    return 0
