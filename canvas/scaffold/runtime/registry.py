"""The local model registry: ``models/registry/NAME/VERSION/`` and a ``champion`` pointer.

Each trained baseline gets a new version folder with ``model.json`` (its parameters, the
spec and data hashes, the time) and, once evaluated, ``metrics.json``. ``champion`` names
the version that met the acceptance bar last; only :func:`promote` moves it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .project import REGISTRY, ProjectError, read_json, write_json


def _folder(root: Path, name: str) -> Path:
    return root / REGISTRY / name


def versions(root: Path, name: str) -> list[str]:
    folder = _folder(root, name)
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if re.fullmatch(r"v\d{4,}", p.name))


def register(root: Path, name: str, model: dict[str, Any]) -> str:
    """Store a trained model as the next version; returns the version."""
    existing = versions(root, name)
    version = f"v{(int(existing[-1][1:]) + 1) if existing else 1:04d}"
    model = {**model, "version": version}
    write_json(_folder(root, name) / version / "model.json", model)
    return version


def load(root: Path, name: str, version: str) -> dict[str, Any]:
    return read_json(_folder(root, name) / version / "model.json", f"model {version}")


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
