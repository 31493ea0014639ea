"""Board commands: ``show``, ``export``, ``import``."""

from __future__ import annotations

import argparse
import json
import sys

from canvas.commands import load_board, user_errors, write_output
from eventstorming.io import EXPORTERS, export_board


def register(sub: argparse._SubParsersAction) -> None:
    show = sub.add_parser("show", help="summarise a board",
                          description="Print a board's title, lanes and counts.")
    show.add_argument("board", metavar="BOARD", help="a .storm or YAML board file")
    show.add_argument("--json", action="store_true", help="print the summary as JSON")
    show.set_defaults(func=cmd_show)

    export = sub.add_parser("export", help="write a board in another format",
                            description="Write a board as .storm text, YAML or another "
                                        "format.")
    export.add_argument("board", metavar="BOARD", help="a .storm or YAML board file")
    export.add_argument("--format", "-f", required=True, choices=sorted(EXPORTERS),
                        help="the format to write")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    export.set_defaults(func=cmd_export)

    imp = sub.add_parser("import", help="bring a board in as mlcanvas YAML",
                         description="Read a board file and write it as an mlcanvas YAML "
                                     "board.")
    imp.add_argument("input", metavar="INPUT", help="the board file to import")
    imp.add_argument("-o", "--output", metavar="BOARD.yaml", required=True,
                     help="where to write the YAML board")
    imp.add_argument("--format", help="force the input format instead of detecting it")
    imp.set_defaults(func=cmd_import)


def cmd_show(args: argparse.Namespace) -> int:
    board = load_board(args.board)
    summary = board.summary()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    print(summary["title"])
    print(f"  {summary['stickies']} stickies, {summary['links']} links, "
          f"{len(summary['lanes'])} lanes")
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


def cmd_import(args: argparse.Namespace) -> int:
    board = load_board(args.input, args.format)
    write_output(export_board(board, "yaml"), args.output)
    to_stdout = args.output in (None, "-")
    print(f"imported '{board.title}': {len(board.stickies)} stickies, {len(board.links)} "
          f"links, {len(board.lanes)} lanes -> {'stdout' if to_stdout else args.output}",
          file=sys.stderr if to_stdout else sys.stdout)
    return 0
