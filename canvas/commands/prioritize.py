"""``mlcanvas prioritize``: rank a board's ML opportunities by value and feasibility."""

from __future__ import annotations

import argparse
import json
import sys

from canvas.commands import CommandError, load_board, user_errors, write_output
from canvas.priorities.scoring import (
    PrioritySettings,
    RoiAssumptions,
    load_settings,
    parse_weights,
    prioritize,
    table_words,
    to_csv,
    to_json,
    to_table,
)
from canvas.services.opportunities import DetectorMissing, detect_opportunities


def register(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser(
        "prioritize", help="rank a board's ML opportunities",
        description="Score each ML opportunity 1-5 on value, data, labels, tolerance, "
                    "complexity and risk (each with a reason from the board) and rank them "
                    "best first, with a value and a feasibility score, a quadrant and a rough "
                    "ROI where volume and minutes are known.")
    cmd.add_argument("board", metavar="BOARD", help="a .storm or YAML board file")
    cmd.add_argument("--weights", metavar="NAME=N,...",
                     help="weights of the criteria, e.g. value=2,risk=1 (others keep 1)")
    out = cmd.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print a JSON list")
    out.add_argument("--csv", action="store_true", help="print CSV")
    cmd.add_argument("--workshop", metavar="ID",
                     help="apply the overrides and weights saved in this workshop of the "
                          "workspace (--workspace, else MLCANVAS_DATABASE_URL, else "
                          "MLCANVAS_WORKSPACE)")
    cmd.add_argument("--workspace", metavar="DIR|URL",
                     help="the workspace folder or postgresql:// database URL")
    cmd.add_argument("--hourly-rate", type=float, default=RoiAssumptions.hourly_rate,
                     help="cost of an hour of work for the ROI estimate (default %(default)s)")
    cmd.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    cmd.set_defaults(func=cmd_prioritize)


def cmd_prioritize(args: argparse.Namespace) -> int:
    board = load_board(args.board)
    with user_errors():
        settings = PrioritySettings()
        if args.workshop:
            from canvas.workspace.store import StoreError, open_workspace

            try:
                settings, _ = load_settings(open_workspace(args.workspace), args.workshop)
            except StoreError as exc:
                raise CommandError(str(exc)) from None
        if args.weights:
            settings = settings.with_weights({**settings.weights,
                                              **parse_weights(args.weights)})
        assumptions = RoiAssumptions(hourly_rate=args.hourly_rate)
        try:
            opportunities = detect_opportunities(board)
        except DetectorMissing as exc:
            raise CommandError(str(exc)) from None
        ranked = prioritize(opportunities, board, settings, assumptions)
    if args.json:
        text = json.dumps(to_json(ranked), ensure_ascii=False, indent=2)
    elif args.csv:
        text = to_csv(ranked)
    else:
        words = table_words(board.lang)
        text = to_table(ranked, board.lang) if ranked else words["none"]
        if ranked and any(p.roi for p in ranked):
            text += "\n" + words["roi"].format(assumptions=assumptions.describe(board.lang))
    write_output(text, args.output)
    if not ranked:
        print(table_words(board.lang)["none"], file=sys.stderr)
    return 0

