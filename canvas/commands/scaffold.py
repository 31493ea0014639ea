"""``mlcanvas scaffold SPEC OUT [--data FILE] [--update]``: a runnable baseline project."""

from __future__ import annotations

import argparse
from pathlib import Path

from pydantic import ValidationError

from canvas.commands import UNREADABLE, CommandError, user_errors
from canvas.scaffold import ScaffoldError, scaffold
from canvas.spec import UseCaseSpec
from eventstorming.safeyaml import load_yaml


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
    """A spec file, validated; errors name the file and the field."""
    with user_errors():
        text = Path(path).read_text(encoding="utf-8")
        data = load_yaml(text, path)
    try:
        return UseCaseSpec.model_validate(data)
    except ValidationError as exc:
        problems = [f"{'.'.join(str(p) for p in err['loc']) or '(top)'}: {err['msg']}"
                    for err in exc.errors()]
        raise CommandError(f"{path}: not a valid spec:\n  - " + "\n  - ".join(problems)) \
            from None


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
