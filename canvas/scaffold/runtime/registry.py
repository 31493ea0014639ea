"""The local model registry: ``models/registry/NAME/VERSION/``, a ``champion`` pointer and
the promotion decisions (``decisions.jsonl``).

Each version folder holds ``model.json``: everything predicting needs (the feature
definitions, the column contract, the heuristic's rules or the model's encoding, the
library versions, the hashes of the data it learnt from) and, for a trained model,
``estimator.joblib`` with its SHA-256 in ``model.json``. No file holds a time, so the same
inputs give the same bytes. A version's ``fingerprint`` says what it was made from:
training again from the same inputs finds it instead of adding a version. ``champion``
names the version that serves; only :func:`promote` moves it. The registry is small and
kept in git (see the README).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from .project import REGISTRY, ProjectError, read_json, write_json

ESTIMATOR = "estimator.joblib"


def _folder(root: Path, name: str) -> Path:
    return root / REGISTRY / name


def versions(root: Path, name: str) -> list[str]:
    folder = _folder(root, name)
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if re.fullmatch(r"v\d{4,}", p.name)
                  and (p / "model.json").exists())


def fingerprint(parts: Any) -> str:
    """A stable hash of what a version is made from."""
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find(root: Path, name: str, print_: str) -> str | None:
    """The version made from the same inputs, if one is registered."""
    for version in reversed(versions(root, name)):
        stored = read_json(_folder(root, name) / version / "model.json", "model")
        if stored.get("fingerprint") == print_:
            return version
    return None


def register(root: Path, name: str, model: dict[str, Any],
             estimator: bytes | None = None) -> str:
    """Store a trained version (and its estimator's bytes); returns the version. A model
    with the fingerprint of a registered one is not stored twice: that version is returned."""
    if model.get("fingerprint"):
        found = find(root, name, model["fingerprint"])
        if found:
            return found
    existing = versions(root, name)
    version = f"v{(int(existing[-1][1:]) + 1) if existing else 1:04d}"
    folder = _folder(root, name) / version
    folder.mkdir(parents=True, exist_ok=True)
    model = {**model, "version": version}
    if estimator is not None:
        (folder / ESTIMATOR).write_bytes(estimator)
        model["estimator"] = {"file": ESTIMATOR,
                              "sha256": hashlib.sha256(estimator).hexdigest()}
    write_json(folder / "model.json", model)
    return version


def load(root: Path, name: str, version: str) -> dict[str, Any]:
    """A version's ``model.json``; a trained model's estimator is loaded (and its hash
    checked) under the key ``_estimator``."""
    folder = _folder(root, name) / version
    model = read_json(folder / "model.json", f"model {version}")
    stored = model.get("estimator")
    if stored:
        path = folder / stored["file"]
        if not path.exists():
            raise ProjectError(f"{path}: the estimator of model {version} is missing")
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != stored["sha256"]:
            raise ProjectError(f"{path}: the estimator does not match the hash in "
                               f"model.json; it was changed after training")
        from .models import loads

        model["_estimator"] = loads(data)
    return model


def champion(root: Path, name: str) -> str | None:
    pointer = _folder(root, name) / "champion"
    if not pointer.exists():
        return None
    version = pointer.read_text(encoding="utf-8").strip()
    return version if version in versions(root, name) else None


def promote(root: Path, name: str, version: str) -> None:
    """Make ``version`` the champion."""
    if version not in versions(root, name):
        raise ProjectError(f"no model version {version} in {_folder(root, name)}")
    pointer = _folder(root, name) / "champion"
    tmp = pointer.with_name(".champion.tmp")
    tmp.write_text(version + "\n", encoding="utf-8")
    tmp.replace(pointer)


def serving_model(root: Path, name: str) -> dict[str, Any]:
    """The champion, else the latest version (before any has met the acceptance bar)."""
    version = champion(root, name)
    if version is None:
        found = versions(root, name)
        if not found:
            raise ProjectError(f"no trained model in {_folder(root, name)}: run the "
                               f"'train' step first")
        version = found[-1]
    return load(root, name, version)


def decisions(root: Path, name: str) -> list[dict[str, Any]]:
    path = _folder(root, name) / "decisions.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def record_decision(root: Path, name: str, entry: dict[str, Any]) -> None:
    """Append a promotion decision with its reason, unless it repeats the last one (running
    ``evaluate`` again on unchanged inputs changes nothing)."""
    past = decisions(root, name)
    if past and past[-1] == json.loads(json.dumps(entry, default=str)):
        return
    path = _folder(root, name) / "decisions.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as log:
        log.write(json.dumps(entry, sort_keys=True, default=str) + "\n")
