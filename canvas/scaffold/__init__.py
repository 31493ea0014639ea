"""The scaffold: a runnable baseline project generated from a spec.

``scaffold(spec, out)`` writes a project whose pipeline runs and whose tests pass at once:
the runtime package (:mod:`canvas.scaffold.runtime`, copied verbatim; it reads the spec's
settings from ``params.yaml`` at run time, so no spec text becomes code), its tests,
``params.yaml``/``dvc.yaml``, Makefile, pyproject, Dockerfile, CI workflow, README, model
card and the data (copied, or a synthetic sample that fits the columns and the rules).

``update=True`` regenerates over an earlier scaffold without losing edits: a manifest
(``.mlcanvas/manifest.json``) holds the hash of every generated file; a file whose hash
changed was edited, so it is kept and the new version is written beside it as ``FILE.new``.
"""

from __future__ import annotations

from canvas.scaffold.generate import (
    ScaffoldError,
    ScaffoldResult,
    package_name,
    scaffold,
    scaffold_problems,
)

__all__ = ["ScaffoldError", "ScaffoldResult", "package_name", "scaffold", "scaffold_problems"]
