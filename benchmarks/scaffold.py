"""Measure the scaffold and the generated pipeline.

Prints:
- generation time of ``scaffold`` (spec -> project with a 1,000-row synthetic sample);
- the generated pipeline (prepare + train + evaluate, each its own process, as ``make
  pipeline`` runs them) on 1,000,000 synthetic rows: wall time and peak memory (largest
  resident set of the step processes);
- batch prediction throughput in rows/s of the rules interpreter next to a hand-written
  NumPy/pandas evaluation of the same rules on the same feature frame, for text with few
  distinct values (the sample) and with a distinct value on every row.

Usage: python benchmarks/scaffold.py [--rows 1000000] [--spec tests/canvas/fixtures/specs/
classification.yaml]
"""

from __future__ import annotations

import argparse
import os
import resource
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
from canvas.scaffold.runtime import baselines, features, pipeline  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--spec", type=Path, default=SPEC)
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
        steps = {}
        start = time.perf_counter()
        for step in ("prepare", "train", "evaluate"):
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", result.package, step], cwd=big,
                                  capture_output=True, text=True, env=env)
            steps[step] = time.perf_counter() - t0
            if done.returncode not in (0, 1):
                raise SystemExit(f"{step} failed:\n{done.stderr}")
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"pipeline on {args.rows:,} rows (prepare + train + evaluate): {wall:.1f} s "
              f"wall ({', '.join(f'{k} {v:.1f} s' for k, v in steps.items())}); "
              f"peak memory {peak:.0f} MB")

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


if __name__ == "__main__":
    main()
