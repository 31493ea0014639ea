"""``mlcanvas workspace migrate [--from FOLDER|URL] --to URL|FOLDER``: copy workshops between
the folder store and a PostgreSQL database, with their history."""

from __future__ import annotations

import argparse
import sys

from canvas.commands import UNREADABLE, CommandError


def register(sub: argparse._SubParsersAction) -> None:
    workspace = sub.add_parser(
        "workspace", help="manage the workspace store (folder or PostgreSQL)",
        description="Manage where the app keeps its workshops: a folder (MLCANVAS_WORKSPACE, "
                    "default ./workspace) for one machine, or a PostgreSQL database "
                    "(MLCANVAS_DATABASE_URL=postgresql://user:password@host:5432/dbname) that "
                    "several app processes share.")
    actions = workspace.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    migrate = actions.add_parser(
        "migrate", help="copy workshops with their history from one store into another",
        description="Copy every workshop, each document with its kept revisions (the last "
                    "20), from one store into another: a folder into a database, or back. "
                    "A workshop the target already has is left alone (never overwritten), so "
                    "running it again copies only what is new; deleted workshops stay behind. "
                    "Examples: mlcanvas workspace migrate --to "
                    "postgresql://mlcanvas:secret@localhost:5432/mlcanvas ; mlcanvas workspace "
                    "migrate --from postgresql://mlcanvas:secret@localhost:5432/mlcanvas "
                    "--to ./workspace-copy")
    migrate.add_argument("--from", dest="source", metavar="FOLDER|URL",
                         help="where the workshops are now: a folder or a postgresql:// URL "
                              "(default: the folder MLCANVAS_WORKSPACE, else ./workspace)")
    migrate.add_argument("--to", dest="target", metavar="URL|FOLDER", required=True,
                         help="where to copy them: a postgresql:// URL or a folder")
    migrate.set_defaults(func=run_migrate)


def run_migrate(args: argparse.Namespace) -> int:
    from canvas.workspace.migrate import migrate
    from canvas.workspace.store import FolderStore, StoreError, default_root, open_workspace

    try:
        source = open_workspace(args.source if args.source else default_root())
        if isinstance(source, FolderStore) and not source.root.is_dir():
            raise StoreError(f"{source.root}: no such folder (--from names the workspace to "
                             f"copy)")
        target = open_workspace(args.target)
        report = migrate(source, target)
    except StoreError as exc:
        raise CommandError(str(exc), UNREADABLE) from None
    except OSError as exc:
        raise CommandError(f"{exc.filename or args.target}: cannot write ({exc.strerror})",
                           UNREADABLE) from None
    print(f"copied {len(report.copied)} workshop(s) with {report.revisions} revision(s) from "
          f"{source.describe()} to {target.describe()}")
    for workshop in report.copied:
        print(f"  copied   {workshop}")
    for workshop in report.skipped:
        print(f"  skipped  {workshop} (already in the target, left as it is)", file=sys.stderr)
    return 0
