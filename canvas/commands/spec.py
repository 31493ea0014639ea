"""Spec commands: ``spec`` (canvas -> spec), ``validate`` and ``schema``."""

from __future__ import annotations

import argparse
import sys

from canvas.commands import INVALID, UNREADABLE, CommandError, user_errors, write_output
from canvas.schema import schema_text
from canvas.validate import SpecUnreadable, validate_file


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


def cmd_spec(args: argparse.Namespace) -> int:
    from canvas.mlcanvas import read_canvas
    from canvas.specgen import spec_from_canvas, spec_to_yaml

    with user_errors():
        canvas = read_canvas(args.canvas)
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
