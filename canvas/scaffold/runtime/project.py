"""Where things live in the project, and reading/writing its files."""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import yaml

PARAMS = "params.yaml"
SPEC = "spec.yaml"
TRAIN = Path("data/prepared/train.csv")
TEST = Path("data/prepared/test.csv")
MODEL = Path("models/model.json")
REGISTRY = Path("models/registry")
METRICS = Path("reports/metrics.json")
DRIFT = Path("reports/drift.json")
DECISIONS = Path("logs/decisions.jsonl")
#: Answers from the labeling loop (``label import``), with where each came from.
LABELS = Path("data/labels.csv")


class ProjectError(ValueError):
    """A step cannot run (a missing file, an earlier step not run); the message says which."""


def default_root() -> Path:
    """The project folder: ``$PROJECT_ROOT`` or the current directory."""
    return Path(os.environ.get("PROJECT_ROOT") or Path.cwd())


def load_params(root: Path) -> dict[str, Any]:
    path = root / PARAMS
    if not path.exists():
        raise ProjectError(f"{path}: no such file (run from the project folder or pass --root)")
    with path.open(encoding="utf-8") as handle:
        params = yaml.safe_load(handle)
    if not isinstance(params, dict):
        raise ProjectError(f"{path}: expected a mapping of parameters")
    return params


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    if path.exists():
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def plain_json(data: Any) -> Any:
    """Data that standard JSON can hold: NaN and infinities become null."""
    if isinstance(data, dict):
        return {str(k): plain_json(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [plain_json(v) for v in data]
    if isinstance(data, np.generic):
        data = data.item()
    if isinstance(data, float) and not math.isfinite(data):
        return None
    return data


def write_json(path: Path, data: Any) -> None:
    """Write standard JSON atomically (a crash leaves the previous file whole)."""
    data = plain_json(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, sort_keys=True, default=str, allow_nan=False)
            out.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path, what: str) -> Any:
    if not path.exists():
        raise ProjectError(f"{path}: no {what} yet")
    return json.loads(path.read_text(encoding="utf-8"))


def model_name(params: Mapping[str, Any]) -> str:
    return str(params["metadata"]["name"])


def required_columns(params: Mapping[str, Any], *, with_target: bool) -> list[str]:
    """The columns a prediction needs (and the target, for training and evaluation)."""
    needed = [f["from"] for f in params["features"]]
    stamp = params["data"].get("timestamp")
    if stamp and params["baseline"]["method"] == "seasonal_naive":
        needed.append(stamp)
    if with_target:
        target = params["prediction"].get("target")
        needed += [target] if target else []
        if stamp:
            needed.append(stamp)
        group = params["prediction"].get("group")
        needed += [group] if group else []
    return list(dict.fromkeys(needed))
