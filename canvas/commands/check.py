"""``mlcanvas check BOARD [--strict] [--json]``: the grammar warnings of a board."""

from __future__ import annotations

import argparse
import json

from canvas.commands import INVALID, load_board
from eventstorming.grammar import board_language, check_board


def register(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser(
        "check", help="list grammar warnings on a board",
        description="List what a facilitator would point out on a board: events not in the "
                    "past tense, commands phrased as events, commands without an outcome, "
                    "policies that issue no command, stickies linked to nothing and links "
                    "that run the wrong way. Messages follow the board's language (lang: "
                    "en or de).")
    check.add_argument("board", metavar="BOARD", help="a .storm or YAML board file")
    check.add_argument("--strict", action="store_true",
                       help="exit with code 1 when there is any warning")
    check.add_argument("--json", action="store_true",
                       help="print the warnings as a JSON list of {rule, stickies, message}")
    check.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    board = load_board(args.board)
    warnings = check_board(board)
    if args.json:
        print(json.dumps([w.to_json() for w in warnings], ensure_ascii=False, indent=2))
    else:
        german = board_language(board) == "de"
        if not warnings:
            print(f"{args.board}: " + ("keine Hinweise" if german else "no warnings"))
        else:
            count = len(warnings)
            label = ("Hinweis" if count == 1 else "Hinweise") if german else \
                ("warning" if count == 1 else "warnings")
            print(f"{args.board}: {count} {label}")
            for warning in warnings:
                print(f"  [{warning.rule}] {', '.join(warning.stickies)}")
                print(f"    {warning.message}")
    return INVALID if args.strict and warnings else 0
