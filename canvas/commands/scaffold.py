"""``mlcanvas scaffold SPEC OUT [--data FILE] [--update]``: a runnable baseline project."""

from __future__ import annotations

import argparse
from pathlib import Path

from canvas.commands import INVALID, UNREADABLE, CommandError
from canvas.scaffold import ScaffoldError, scaffold
from canvas.spec.model import UseCaseSpec
from canvas.spec.validate import SpecUnreadable, validate_file


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "scaffold", help="generate a runnable baseline project from a spec",
        description="Write a project whose baseline pipeline (prepare, train, evaluate, "
                    "predict, monitor, serve) runs and whose tests pass at once.")
    parser.add_argument("spec", metavar="SPEC", help="a spec YAML file (apiVersion mlcanvas/v1)")
    parser.add_argument("out", metavar="OUT", help="the folder to write the project into")
    parser.add_argument("--data", metavar="FILE",
                        help="copy this CSV/Parquet file to the spec's data.source (default: "
                             "a synthetic sample that fits the columns and rules)")
    parser.add_argument("--update", action="store_true",
                        help="regenerate an earlier scaffold; files you changed are kept and "
                             "the new version is written beside them as FILE.new")
    parser.set_defaults(func=cmd_scaffold)


def read_spec(path: str) -> UseCaseSpec:
    """A spec file, validated exactly as ``mlcanvas validate`` does it.

    Raises:
        CommandError: exit 2 when the file cannot be read; exit 1 with one line per problem
            (``file:line: path: message``, with a did-you-mean) when the spec is invalid.
    """
    try:
        report = validate_file(path)
    except SpecUnreadable as exc:
        raise CommandError(str(exc), UNREADABLE) from None
    if not report.ok:
        count = len(report.problems)
        raise CommandError("\n".join(report.lines()) + f"\n{path}: {count} problem"
                           f"{'s' if count != 1 else ''}; nothing was written", INVALID)
    assert report.spec is not None
    return report.spec


def cmd_scaffold(args: argparse.Namespace) -> int:
    spec = read_spec(args.spec)
    try:
        result = scaffold(spec, Path(args.out), data=Path(args.data) if args.data else None,
                          update=args.update)
    except ScaffoldError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"{exc.filename or args.out}: {exc.strerror}", UNREADABLE) from None
    print(result.report())
    return 0
