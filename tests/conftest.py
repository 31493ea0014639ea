"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _shared_dir() -> Path:
    """``shared/`` beside the checkout; in a git worktree below /work/wt, further up."""
    for base in (ROOT, *ROOT.parents):
        candidate = base.parent / "shared"
        if (candidate / "benchmarks").is_dir():
            return candidate
    return ROOT.parent / "shared"


SHARED = _shared_dir()
SHARED_BENCHMARKS = SHARED / "benchmarks" / "opportunities"


@pytest.fixture
def workspace_root(tmp_path: Path) -> Path:
    return tmp_path / "workspace"
