"""``mlcanvas canvas``: an ML Canvas for one opportunity of a board, prefilled."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from canvas.commands import CommandError, load_board, user_errors, write_output
from canvas.mlcanvas.model import canvas_to_yaml, lint_canvas, prefill_canvas
from canvas.mlcanvas.render import canvas_to_html, canvas_to_markdown
from canvas.services.opportunities import DetectorMissing, detect_opportunities, find_opportunity
from eventstorming.phrasing import count

FORMATS = {"yaml": canvas_to_yaml, "md": canvas_to_markdown, "html": canvas_to_html}
_BY_SUFFIX = {".yaml": "yaml", ".yml": "yaml", ".md": "md", ".markdown": "md", ".html": "html",
              ".htm": "html"}


def register(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser(
        "canvas", help="fill an ML Canvas for one opportunity",
        description="Prefill the ten boxes of the ML Canvas (v1.1) for one opportunity of a "
                    "board, in sentences marked as guesses where mlcanvas inferred them, and "
                    "list what is missing or risky.")
    cmd.add_argument("board", metavar="BOARD", help="a .storm or YAML board file")
    cmd.add_argument("opportunity", metavar="OPPORTUNITY_ID",
                     help="the id of the opportunity (see 'mlcanvas prioritize')")
    cmd.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    cmd.add_argument("--format", "-f", choices=sorted(FORMATS),
                     help="yaml (default; the input of 'mlcanvas spec'), md or html (a "
                          "printable poster); guessed from the -o file name when not given")
    cmd.add_argument("--paper", choices=["A4", "A3", "auto"], default="auto",
                     help="page size of the HTML poster (default auto: A4 landscape, A3 "
                          "when the canvas holds a lot of text)")
    cmd.set_defaults(func=cmd_canvas)


def cmd_canvas(args: argparse.Namespace) -> int:
    board = load_board(args.board)
    fmt = args.format or (_BY_SUFFIX.get(Path(args.output).suffix.lower(), "yaml")
                          if args.output else "yaml")
    with user_errors():
        try:
            opportunities = detect_opportunities(board)
        except DetectorMissing as exc:
            raise CommandError(str(exc)) from None
        opportunity = find_opportunity(opportunities, args.opportunity)
        canvas = prefill_canvas(opportunity, board)
    if fmt == "html":
        text = canvas_to_html(canvas, paper=args.paper)
    else:
        text = FORMATS[fmt](canvas)
    write_output(text, args.output)
    if args.output not in (None, "-"):
        lints = [lint for lint in lint_canvas(canvas) if lint.level != "guess"]
        print(f"wrote {args.output} ({count(canvas.guesses(), 'guess')} to confirm"
              + (f", {count(len(lints), 'open point')}" if lints else "") + ")", file=sys.stderr)
        for lint in lints:
            print(f"  {lint.format(canvas.lang)}", file=sys.stderr)
    return 0
