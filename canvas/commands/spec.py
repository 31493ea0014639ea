"""Spec commands: ``spec`` (canvas -> spec), ``validate`` and ``schema``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from canvas.commands import INVALID, UNREADABLE, CommandError, user_errors, write_output
from canvas.spec.model import API_VERSION, KIND
from canvas.spec.schema import schema_text
from canvas.spec.validate import SpecUnreadable, read_spec_file, validate_file
from eventstorming.formats.safeyaml import YamlError, load_yaml

if TYPE_CHECKING:
    from canvas.mlcanvas.model import MLCanvas

#: Keys only a canvas has at its top level (a board or a spec has none of them).
_CANVAS_KEYS = {"canvas", "prediction", "boxes"}


def register(sub: argparse._SubParsersAction) -> None:
    spec = sub.add_parser("spec", help="write a runnable spec from an ML canvas",
                          description="Turn an ML canvas (YAML, from 'mlcanvas canvas') into "
                                      "a validated spec v1 YAML file.")
    spec.add_argument("canvas", metavar="CANVAS.yaml", help="a canvas YAML file")
    spec.add_argument("-o", "--output", metavar="SPEC.yaml", help="write here instead of stdout")
    spec.set_defaults(func=cmd_spec)

    validate = sub.add_parser("validate", help="check a spec and say what is wrong where",
                              description="Validate a spec v1 YAML file. Exit 0 when valid, "
                                          "1 with one line per problem (file:line: path: "
                                          "message), 2 when the file cannot be read.")
    validate.add_argument("spec", metavar="SPEC", help="a spec YAML file")
    validate.add_argument("-q", "--quiet", action="store_true",
                          help="print nothing when the spec is valid")
    validate.set_defaults(func=cmd_validate)

    schema = sub.add_parser("schema", help="print the JSON Schema of spec v1",
                            description="Print the JSON Schema (draft 2020-12) of spec v1.")
    schema.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    schema.set_defaults(func=cmd_schema)


def _is_board(path: str, text: str, data: Any) -> bool:
    """Whether a file that is not a canvas is an EventStorming board (any format mlcanvas
    reads, with at least one sticky)."""
    if isinstance(data, dict) and _CANVAS_KEYS & set(data):
        return False
    if isinstance(data, dict) and ("stickies" in data or str(data.get("format", "")).startswith(
            "mlcanvas-board")):
        return True
    from eventstorming.formats.io import parse_board

    try:
        return bool(parse_board(text, path).stickies)
    except Exception:  # noqa: BLE001 - any parser error means: not a board
        return False


def read_canvas_input(path: str) -> MLCanvas:
    """The canvas in ``path`` for ``mlcanvas spec``; a spec or a board given by mistake is
    named as such, with the command that makes a canvas.

    Raises:
        CommandError: exit 2 when the file cannot be read (``PATH: no such file``), exit 1
            when it is not a valid canvas.
    """
    from canvas.mlcanvas.model import canvas_from_data

    try:
        text = read_spec_file(path, "canvas")
    except SpecUnreadable as exc:
        raise CommandError(str(exc), UNREADABLE) from None
    def make_one(board: str = "BOARD") -> str:
        return (f"run `mlcanvas canvas {board} OPPORTUNITY_ID -o canvas.yaml` first "
                f"(`mlcanvas opportunities {board}` lists the ids) and pass that canvas")

    try:
        data: Any = load_yaml(text, path)
    except YamlError as exc:
        if _is_board(path, text, None):
            raise CommandError(f"{path} is a board, not a canvas: {make_one(path)}") from None
        raise CommandError(str(exc), INVALID) from None
    if isinstance(data, dict) and (data.get("apiVersion") == API_VERSION
                                   or data.get("kind") == KIND):
        raise CommandError(f"{path} is a spec, not a canvas: `mlcanvas validate {path}` checks "
                           f"it and `mlcanvas scaffold {path} OUT` builds its project; to make "
                           f"a spec, {make_one()}")
    if _is_board(path, text, data):
        raise CommandError(f"{path} is a board, not a canvas: {make_one(path)}")
    with user_errors():
        return canvas_from_data(data, path)


def cmd_spec(args: argparse.Namespace) -> int:
    from canvas.spec.from_canvas import spec_from_canvas, spec_to_yaml

    canvas = read_canvas_input(args.canvas)
    with user_errors():
        text = spec_to_yaml(spec_from_canvas(canvas))
    write_output(text, args.output)
    if args.output not in (None, "-"):
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    try:
        report = validate_file(args.spec)
    except SpecUnreadable as exc:
        raise CommandError(str(exc), UNREADABLE) from None
    if report.ok:
        if not args.quiet:
            spec = report.spec
            assert spec is not None
            print(f"{args.spec}: valid ({spec.prediction.task}, baseline "
                  f"{spec.baseline.method}, {len(spec.features)} features)")
        return 0
    for line in report.lines():
        print(line)
    count = len(report.problems)
    print(f"{args.spec}: {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
    return INVALID


def cmd_schema(args: argparse.Namespace) -> int:
    write_output(schema_text(), args.output)
    return 0
