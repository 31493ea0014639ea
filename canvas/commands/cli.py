"""The ``mlcanvas`` command line.

Exit codes: 0 success, 1 invalid input (a board or spec that says what is wrong and
where), 2 unreadable input (missing file, not text, too large), 3 a bug in mlcanvas
(one line; ``MLCANVAS_DEBUG=1`` shows the traceback). Messages go to stderr,
never as a traceback.

Each command lives in a module of :mod:`canvas.commands` with a ``register(subparsers)``
function; the modules are listed in :data:`COMMAND_MODULES`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from canvas.commands import CommandError

#: Command modules, in the order ``mlcanvas --help`` lists them.
COMMAND_MODULES = [
    "canvas.commands.board",
    "canvas.commands.check",
    "canvas.commands.opportunities",
    "canvas.commands.prioritize",
    "canvas.commands.canvas",
    "canvas.commands.spec",
    "canvas.commands.scaffold",
    "canvas.commands.workspace",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mlcanvas",
        description="From an EventStorming board to ranked ML use cases, validated specs "
                    "and a running baseline pipeline.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CommandError as exc:
        print(f"mlcanvas {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours, not the user's: say so in one line
        if os.environ.get("MLCANVAS_DEBUG"):
            raise
        print(f"mlcanvas {args.command}: internal error ({type(exc).__name__}: {exc}). "
              f"This is a bug in mlcanvas; run again with MLCANVAS_DEBUG=1 for the "
              f"traceback and report it.", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
