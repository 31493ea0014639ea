"""Measure the scaffold and the generated pipeline.

Prints:
- generation time of ``scaffold`` (spec -> project with a 1,000-row synthetic sample);
- the generated pipeline (prepare + train + evaluate, each its own process, as ``make
  pipeline`` runs them) on 1,000,000 synthetic rows: wall time and peak memory (largest
  resident set of the step processes);
- batch prediction throughput in rows/s of the rules interpreter next to a hand-written
  NumPy/pandas evaluation of the same rules on the same feature frame, for text with few
  distinct values (the sample) and with a distinct value on every row;
- monitoring: the false-alarm rate of the drift check (warn or alert) on samples of 30, 100
  and 500 rows drawn from the training split, and its detection rate on samples of the same
  sizes with the amounts shifted (x1.5) and with new merchants;
- the model challenger (``model: {method: logistic_regression}``) on the same rows: train
  and evaluate (each its own process, wall time and peak memory), and batch predict.

Usage: python benchmarks/scaffold.py [--rows 1000000] [--spec tests/canvas/fixtures/specs/
classification.yaml]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from canvas.scaffold import scaffold  # noqa: E402
from canvas.scaffold.runtime import (  # noqa: E402
    baselines,
    drift,
    features,
    pipeline,
    registry,
)
from canvas.spec.model import UseCaseSpec  # noqa: E402

SPEC = ROOT / "tests" / "canvas" / "fixtures" / "specs" / "classification.yaml"


def hand_written(frame: pd.DataFrame) -> np.ndarray:
    """The classification fixture's rules, written out by hand with NumPy/pandas."""
    merchant = frame["merchant"].astype(str).str.casefold()
    amount = frame["amount"].to_numpy(dtype=float)
    known = frame["merchant"].notna().to_numpy()

    def contains(*words: str) -> np.ndarray:
        hit = np.zeros(len(frame), dtype=bool)
        for word in words:
            hit |= merchant.str.contains(word, regex=False).to_numpy()
        return hit & known

    with np.errstate(invalid="ignore"):
        fuel = contains("shell", "aral", "esso")
        hotel = (amount > 80) & contains("hotel", "inn")
        meals = contains("cafe", "restaurant") | (amount < 15)
    return np.select([fuel, hotel, meals], ["fuel", "hotel", "meals"], "other").astype(object)


def rate(func, rows: int, repeat: int = 3) -> float:
    best = min(_timed(func) for _ in range(repeat))
    return rows / best


def _timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def run_step(package: str, step: str, cwd: Path, env: dict) -> tuple[float, float, int]:
    """One pipeline step in its own process: wall seconds, peak resident MB, exit code."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", package, step], cwd=cwd, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    code = child.returncode
    if code not in (0, 1):
        raise SystemExit(f"{step} failed:\n{child.stderr.read().decode()}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024, code


def monitoring_rates(root: Path, trials: int) -> None:
    """False alarms on samples of the training split; detection on shifted samples."""
    params = yaml.safe_load((root / "params.yaml").read_text())
    model = registry.serving_model(root, params["metadata"]["name"])
    _, typed = pipeline.load_for(root, Path("data/prepared/train.csv"), params, model,
                                 with_target=False)
    scored = pipeline.score(params, model, typed)
    rule = params["monitoring"]["drift"]
    rng = np.random.default_rng(0)
    for size in (30, 100, 500):
        alarms = detected = new_codes = 0
        start = time.perf_counter()
        for _ in range(trials):
            rows = rng.choice(len(typed), size=size, replace=False)
            report = drift.compare(model["profile"], scored["features"].iloc[rows],
                                   scored["predictions"][rows], rule["warn"], rule["alert"])
            alarms += report["status"] in ("warn", "alert")
            moved = typed.iloc[rows].assign(amount=typed["amount"].iloc[rows] * 1.5)
            shifted = pipeline.score(params, model, moved)
            report = drift.compare(model["profile"], shifted["features"],
                                   shifted["predictions"], rule["warn"], rule["alert"])
            detected += report["status"] in ("warn", "alert")
            renamed = typed.iloc[rows].assign(merchant=[f"new shop {i}" for i in range(size)])
            fresh = pipeline.score(params, model, renamed)
            report = drift.compare(model["profile"], fresh["features"], fresh["predictions"],
                                   rule["warn"], rule["alert"])
            new_codes += report["status"] in ("warn", "alert")
        each = (time.perf_counter() - start) / (3 * trials) * 1000
        print(f"monitor on {size} rows ({trials} samples each): false alarms "
              f"{alarms / trials:.1%}; detected amount x1.5 {detected / trials:.1%}; "
              f"detected all-new merchants {new_codes / trials:.1%} ({each:.0f} ms per check)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--trials", type=int, default=200,
                        help="samples per size for the monitoring rates")
    parser.add_argument("--model", default="logistic_regression",
                        help="the challenger's method")
    args = parser.parse_args()
    spec = UseCaseSpec.model_validate(yaml.safe_load(args.spec.read_text()))
    with tempfile.TemporaryDirectory() as tmp:
        times = []
        for i in range(3):
            start = time.perf_counter()
            scaffold(spec, Path(tmp) / f"gen{i}")
            times.append(time.perf_counter() - start)
        print(f"generation (1,000-row sample): {min(times) * 1000:.0f} ms "
              f"(best of 3; median {sorted(times)[1] * 1000:.0f} ms)")

        big = Path(tmp) / "big"
        start = time.perf_counter()
        result = scaffold(spec, big, rows=args.rows)
        print(f"generation with {args.rows:,} synthetic rows: "
              f"{time.perf_counter() - start:.1f} s")
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        steps = {step: run_step(result.package, step, big, env)
                 for step in ("prepare", "train", "evaluate")}
        wall = sum(t for t, _, _ in steps.values())
        peak = max(m for _, m, _ in steps.values())
        print(f"pipeline on {args.rows:,} rows (prepare + train + evaluate): {wall:.1f} s "
              f"wall ({', '.join(f'{k} {v[0]:.1f} s' for k, v in steps.items())}); "
              f"peak memory {peak:.0f} MB")
        print(f"train again without a change: {run_step(result.package, 'train', big, env)[0]:.1f}"
              f" s, versions {registry.versions(big, spec.metadata.name)}")
        monitoring_rates(big, args.trials)
        start = time.perf_counter()
        done = pipeline.predict(big, big / spec.data.source, big / "scored.csv")
        whole = time.perf_counter() - start
        print(f"batch predict command (read CSV, check, features, rules, write CSV): "
              f"{done['rows'] / whole:,.0f} rows/s ({whole:.1f} s)")
        params = yaml.safe_load((big / "params.yaml").read_text())
        _, typed = pipeline.load_table(big, Path(spec.data.source), params, with_target=False)
        n = len(typed)
        start = time.perf_counter()
        frame = features.build_features(typed, params["features"])
        predicted = baselines.predict(params, {}, typed, frame)
        batch = time.perf_counter() - start
        assert (predicted == hand_written(frame)).all(), "the two readings disagree"
        print(f"batch predict (features + rules) on {n:,} typed rows: {n / batch:,.0f} rows/s")
        ours = rate(lambda: baselines.predict(params, {}, typed, frame), n)
        mine = rate(lambda: hand_written(frame), n)
        print(f"rules interpreter: {ours:,.0f} rows/s; hand-written NumPy: {mine:,.0f} rows/s "
              f"(interpreter at {ours / mine:.2f}x of hand-written)")
        unique = frame.copy()
        unique["merchant"] = unique["merchant"] + pd.Series(
            [f" #{i}" for i in range(n)], index=unique.index).where(unique["merchant"].notna())
        assert (baselines.predict(params, {}, typed, unique) == hand_written(unique)).all()
        ours = rate(lambda: baselines.predict(params, {}, typed, unique), n, repeat=2)
        mine = rate(lambda: hand_written(unique), n, repeat=2)
        print(f"with a distinct text on every row: interpreter {ours:,.0f} rows/s; "
              f"hand-written {mine:,.0f} rows/s ({ours / mine:.2f}x)")

        params["model"] = {"method": args.model}
        (big / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
        steps = {step: run_step(result.package, step, big, env)
                 for step in ("train", "evaluate")}
        report = json.loads((big / "reports" / "metrics.json").read_text())
        decision = report["promotion"]["decisions"][-1]
        print(f"model challenger ({args.model}) on {args.rows:,} rows: "
              f"{', '.join(f'{k} {v[0]:.1f} s ({v[1]:.0f} MB peak)' for k, v in steps.items())}"
              f"; {decision['candidate']} {'promoted' if decision['promoted'] else 'kept out'}: "
              f"{decision['reason']}")
        start = time.perf_counter()
        done = pipeline.predict(big, big / spec.data.source, big / "scored-model.csv")
        whole = time.perf_counter() - start
        served = registry.serving_model(big, spec.metadata.name)
        print(f"batch predict command with the champion ({served.get('kind')} "
              f"{served.get('method')}): {done['rows'] / whole:,.0f} rows/s ({whole:.1f} s)")
        challenger = registry.load(big, spec.metadata.name, decision["candidate"])
        start = time.perf_counter()
        scored = pipeline.score(params, challenger, typed)
        took = time.perf_counter() - start
        print(f"model predict (features + encoding + predict_proba) on {n:,} typed rows: "
              f"{n / took:,.0f} rows/s; mean score {float(np.mean(scored['scores'])):.3f}")


if __name__ == "__main__":
    main()
