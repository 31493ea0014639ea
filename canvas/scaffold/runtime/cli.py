"""The command line: ``python -m <package> prepare|train|evaluate|predict|monitor|serve|label``.

Exit codes: 0 done, 1 the data or the model is not right (the acceptance bar missed, a
column that does not fit), 2 a file is missing. ``monitor`` follows the monitoring-plugin
convention so CI and cron can act on it: 0 ok, 1 warn, 2 alert, 3 could not check (a
missing or unreadable file, too few rows to judge).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import labeling, pipeline
from .baselines import BaselineError
from .data import DataError
from .models import ModelError
from .project import ProjectError, default_root

MONITOR_CODES = {"ok": 0, "warn": 1, "alert": 2, "unknown": 3}


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root) if args.root else default_root()


def _show(result: dict) -> None:
    print(json.dumps(result, indent=2, sort_keys=True, default=str))


def cmd_prepare(args: argparse.Namespace) -> int:
    _show(pipeline.prepare(_root(args)))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    _show(pipeline.train(_root(args)))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    report = pipeline.evaluate(_root(args))
    for check in report["acceptance"]:
        mark = "met" if check["met"] else "MISSED"
        print(f"{check['metric']}: {check['value']} ({check['direction']} {check['bar']}) "
              f"{mark}")
    for decision in report["promotion"]["decisions"]:
        verb = "promoted" if decision["promoted"] else "not promoted"
        print(f"{decision['candidate']} ({decision['kind']} {decision['method']}): {verb}: "
              f"{decision['reason']}")
    if not report["accepted"]:
        print(f"model {report['model_version']} misses the acceptance bar; the champion "
              f"stays as it was", file=sys.stderr)
        return 1
    print(f"model {report['champion']} is the champion")
    return 0


def cmd_predict(args: argparse.Namespace) -> int:
    _show(pipeline.predict(_root(args), Path(args.input), Path(args.output)))
    return 0


def cmd_monitor(args: argparse.Namespace) -> int:
    try:
        report = pipeline.monitor(_root(args), Path(args.input),
                                  Path(args.output) if args.output else None,
                                  Path(args.outcomes) if args.outcomes else None)
    except (DataError, ProjectError, BaselineError, ModelError, KeyError, OSError) as exc:
        print(f"monitor: could not check: {exc}", file=sys.stderr)
        return MONITOR_CODES["unknown"]
    print(f"drift: {report['drift_status']} (largest PSI {report['max_psi']:.3f}, "
          f"{report['rows']} rows)" + (f": {report['reason']}" if "reason" in report else ""))
    for key in ("performance", "outcomes"):
        if key in report:
            perf = report[key]
            print(f"{key}: {perf['status']} ({perf['metric']} {perf['value']}, "
                  f"{perf['rows']} rows)")
    print(f"status: {report['status']}")
    return MONITOR_CODES[report["status"]]


def cmd_label(args: argparse.Namespace) -> int:
    root = _root(args)
    if args.action == "export":
        output = Path(args.output) if args.output else root / "reports" / "to_label.csv"
        _show(labeling.export(root, Path(args.input) if args.input else None, output,
                              args.limit))
    else:
        _show(labeling.import_answers(root, Path(args.file), args.by))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .api import create_app

    uvicorn.run(create_app(_root(args)), host=args.host, port=args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m {__package__}",
                                     description="The baseline pipeline of this use case.")
    parser.add_argument("--root", help="the project folder (default: $PROJECT_ROOT or the "
                                       "current directory)")
    sub = parser.add_subparsers(dest="step", metavar="STEP", required=True)
    steps = {
        "prepare": (cmd_prepare, "check the data against the columns and split it"),
        "train": (cmd_train, "fit the baseline on the training split and register it"),
        "evaluate": (cmd_evaluate, "score the model; write reports/metrics.json; exit 1 "
                                   "when the acceptance bar is missed"),
        "predict": (cmd_predict, "add a prediction column to the rows of a CSV file"),
        "monitor": (cmd_monitor, "compare new rows with the training profile; write "
                                 "reports/drift.json; exit 0 ok, 1 warn, 2 alert, 3 could "
                                 "not check"),
        "serve": (cmd_serve, "serve POST /predict and GET /health"),
        "label": (cmd_label, "export the cases most worth labelling; import the answers"),
    }
    for name, (func, text) in steps.items():
        step = sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        step.set_defaults(func=func)
        if name == "predict":
            step.add_argument("--input", required=True, metavar="CSV", help="rows to predict")
            step.add_argument("--output", required=True, metavar="CSV",
                              help="where to write the rows with their predictions")
        if name == "monitor":
            step.add_argument("--input", required=True, metavar="CSV", help="new rows")
            step.add_argument("--output", metavar="JSON",
                              help="where to write the report (default reports/drift.json)")
            step.add_argument("--outcomes", metavar="CSV",
                              help="outcomes that arrived later (an id column and the "
                                   "target), joined to logs/decisions.jsonl")
        if name == "label":
            actions = step.add_subparsers(dest="action", metavar="ACTION", required=True)
            out = actions.add_parser("export", help="write the cases most worth a human look")
            out.add_argument("--input", metavar="CSV", help="rows to choose from (default: "
                             "the data's rows without the truth)")
            out.add_argument("-o", "--output", metavar="CSV",
                             help="where to write them (default reports/to_label.csv)")
            out.add_argument("-n", "--limit", type=int, default=50, help="how many cases")
            into = actions.add_parser("import", help="merge filled-in labels into "
                                                     "data/labels.csv")
            into.add_argument("file", metavar="FILE", help="the exported file, labels filled")
            into.add_argument("--by", help="who labelled them (default: $USER)")
        if name == "serve":
            step.add_argument("--host", default="127.0.0.1")
            step.add_argument("--port", type=int, default=8000)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (DataError, BaselineError, ModelError) as exc:
        print(f"{args.step}: {exc}", file=sys.stderr)
        return 1
    except ProjectError as exc:
        print(f"{args.step}: {exc}", file=sys.stderr)
        return 2
    except KeyError as exc:
        print(f"{args.step}: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 1
