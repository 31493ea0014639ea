"""Writing a project: names, checks, data, the manifest and ``--update``."""

from __future__ import annotations

import hashlib
import io
import json
import keyword
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from canvas.scaffold.files import project_files
from canvas.scaffold.synth import synthetic_sample
from canvas.spec.model import UseCaseSpec, cross_check

MANIFEST = ".mlcanvas/manifest.json"
#: The labeling loop's answers (written empty once; ``label import`` fills it).
LABELS = "data/labels.csv"
#: Top-level modules of what a generated project installs (its dependencies and theirs,
#: the test tools, the installer) and names that mean something in a project folder: a
#: package of one of these names would shadow it (``python -m PKG`` puts the project
#: first on ``sys.path``), so the package is named ``NAME_uc`` instead. The standard
#: library (``sys.stdlib_module_names``) and keywords are avoided the same way.
SHADOWED = frozenset({
    "_pytest", "_yaml", "annotated_doc", "annotated_types", "anyio", "certifi", "click",
    "colorama", "dateutil", "dotenv", "dvc", "exceptiongroup", "fastapi", "h11", "h2", "hpack",
    "httpcore", "httptools", "httpx", "hyperframe", "idna", "iniconfig", "numpy",
    "opentelemetry", "packaging", "pandas", "pip", "pkg_resources", "pluggy", "py", "pyarrow",
    "pydantic", "pydantic_core", "pygments", "pytest", "pytz", "setuptools", "six", "sniffio",
    "starlette", "tomli", "typing_extensions", "typing_inspection", "tzdata", "uvicorn",
    "uvloop", "watchfiles", "websockets", "wheel", "yaml", "_distutils_hack",
    "sklearn", "scipy", "joblib", "threadpoolctl",
    "conftest", "setup", "sitecustomize", "usercustomize",
    "tests", "test", "models", "data", "reports", "logs",
})
_UMASK = os.umask(0)
os.umask(_UMASK)


class ScaffoldError(ValueError):
    """The spec or the output folder does not allow a scaffold; the message says why."""


@dataclass(frozen=True)
class ScaffoldResult:
    """What a scaffold wrote: paths relative to ``out``."""

    out: Path
    package: str
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    obsolete: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def report(self) -> str:
        lines = [f"scaffolded {self.package} in {self.out}"]
        for label, paths in (("added", self.added), ("updated", self.updated),
                             ("kept (you changed them; new version beside as .new)",
                              self.kept), ("unchanged", self.unchanged),
                            ("no longer generated (left in place)", self.obsolete)):
            if paths:
                lines.append(f"{label}: {len(paths)}")
                if label != "unchanged" and (label != "added" or self.updated or self.kept):
                    lines += [f"  {p}" for p in paths]
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


def package_name(spec: UseCaseSpec) -> str:
    """The package: ``metadata.name`` with dashes as underscores (``_uc`` appended when that
    would be a keyword or shadow a module the project imports)."""
    name = spec.metadata.name.replace("-", "_")
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in SHADOWED \
            or name in sys.stdlib_module_names:
        name += "_uc"
    return name


def scaffold_problems(spec: UseCaseSpec) -> list[str]:
    """Why this spec cannot be scaffolded (an empty list when it can): the spec's own
    cross-field checks, which ``mlcanvas validate`` reports too, so both always agree. A
    spec validated by :class:`UseCaseSpec` has none; one built with ``model_construct``
    may."""
    return [f"{path}: {message}" for path, message in cross_check(spec)]


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _inside(out: Path, relative: str) -> Path:
    """``out / relative``, refusing anything that would land outside ``out``."""
    target = (out / relative).resolve()
    if not target.is_relative_to(out.resolve()):
        raise ScaffoldError(f"{relative}: would be written outside {out}")
    return target


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _data_bytes(spec: UseCaseSpec, data: Path | None, rows: int) -> bytes:
    if data is not None:
        if not data.is_file():
            raise ScaffoldError(f"{data}: no such data file")
        return data.read_bytes()
    try:
        frame = synthetic_sample(spec, rows=rows)
    except (ValueError, KeyError) as exc:
        raise ScaffoldError(f"cannot make a synthetic sample: {exc}") from None
    if spec.data.source.lower().endswith(".parquet"):
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()
    return frame.to_csv(index=False).encode("utf-8")


def _data_files(spec: UseCaseSpec, out: Path, data: Path | None, rows: int,
                origins: dict[str, dict[str, str]]
                ) -> tuple[dict[str, tuple[bytes, str]], list[str]]:
    """The data files to write, each with its origin (``user``, ``synthetic``,
    ``generator``). Data already in the project is replaced only when ``--data`` gives a
    file, or when the generator made it and nobody changed it since: ``--update`` never
    replaces data it did not make (a team's real data, labels imported by the loop)."""
    source = spec.data.source
    files: dict[str, tuple[bytes, str]] = {}
    notes: list[str] = []
    target = _inside(out, source)
    made = origins.get(source, {})
    if data is not None:
        files[source] = (_data_bytes(spec, data, rows), "user")
    elif not target.exists():
        files[source] = (_data_bytes(spec, None, rows), "synthetic")
    elif made.get("origin") == "synthetic" and made.get("sha256") == _hash(target.read_bytes()):
        files[source] = (_data_bytes(spec, None, rows), "synthetic")
    else:
        notes.append(f"{source}: kept as it is (not a sample made by the generator); pass "
                     f"--data FILE to replace it")
    if source != LABELS and not _inside(out, LABELS).exists():
        from canvas.scaffold.files import params_data
        from canvas.scaffold.runtime.labeling import labels_header

        header = labels_header(params_data(spec))
        files[LABELS] = ((",".join(header) + "\n").encode("utf-8"), "generator")
    return files, notes


def scaffold(spec: UseCaseSpec, out: Path, *, data: Path | None = None, update: bool = False,
             rows: int = 1000) -> ScaffoldResult:
    """Write the project for ``spec`` into ``out`` (see the module docstring)."""
    problems = scaffold_problems(spec)
    if problems:
        raise ScaffoldError("cannot scaffold this spec:\n  - " + "\n  - ".join(problems))
    out = Path(out)
    manifest_path = out / MANIFEST
    if out.exists() and not out.is_dir():
        raise ScaffoldError(f"{out}: exists and is not a folder")
    if not update and out.exists() and any(out.iterdir()):
        raise ScaffoldError(f"{out}: the folder is not empty; pass --update to regenerate a "
                            f"scaffold in place")
    if update and out.exists() and any(out.iterdir()) and not manifest_path.exists():
        raise ScaffoldError(f"{out}: no {MANIFEST}, so this is not a scaffold to update")
    package = package_name(spec)
    texts = project_files(spec, package)
    generated = {path: text.encode("utf-8") for path, text in texts.items()}
    old = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() \
        else {"files": {}}
    known = old.get("files", {})
    origins: dict[str, dict[str, str]] = dict(old.get("data", {}))
    source = spec.data.source
    data_files, data_notes = _data_files(spec, out, data, rows, origins)
    out.mkdir(parents=True, exist_ok=True)
    added, updated, kept, unchanged = [], [], [], []
    hashes: dict[str, str] = {}
    for relative, content in sorted(generated.items()):
        target = _inside(out, relative)
        new_hash = _hash(content)
        hashes[relative] = new_hash
        if not target.exists():
            _write(target, content)
            added.append(relative)
            continue
        current = _hash(target.read_bytes())
        if current == new_hash:
            unchanged.append(relative)
        elif current == known.get(relative):
            _write(target, content)
            updated.append(relative)
        else:
            _write(_inside(out, relative + ".new"), content)
            kept.append(relative)
            hashes[relative] = known.get(relative, new_hash)
    for relative, (content, origin) in sorted(data_files.items()):
        target = _inside(out, relative)
        existed = target.exists()
        if existed and _hash(target.read_bytes()) == _hash(content):
            unchanged.append(relative)
        else:
            _write(target, content)
            (updated if existed else added).append(relative)
        origins[relative] = {"origin": origin, "sha256": _hash(content)}
    data_paths = set(origins) | {source, LABELS}
    obsolete = sorted(set(known) - set(hashes) - data_paths)
    notes = list(data_notes)
    if package != spec.metadata.name.replace("-", "_"):
        notes.append(f"the package is named {package} ('{spec.metadata.name}' would shadow a "
                     f"module or keyword)")
    if data is not None:
        notes.append(data_check(out, spec))
    if data_files.get(source, (b"", ""))[1] == "synthetic":
        notes.append(f"{source}: a synthetic sample; pass --data FILE to use real data")
        notes.append(trial_run(out, spec))
    _write(manifest_path, (json.dumps({"generator": "mlcanvas scaffold", "package": package,
                                       "files": dict(sorted(hashes.items())),
                                       "data": dict(sorted(origins.items()))}, indent=2)
                           + "\n").encode("utf-8"))
    return ScaffoldResult(out=out, package=package, added=tuple(added), updated=tuple(updated),
                          kept=tuple(kept), unchanged=tuple(unchanged),
                          obsolete=tuple(obsolete), notes=tuple(notes))


def trial_run(out: Path, spec: UseCaseSpec) -> str:
    """Run prepare, train and evaluate on a copy of the new project's settings and data, and
    say how the baseline scores against the acceptance bar."""
    from canvas.scaffold.runtime import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("params.yaml", "spec.yaml", spec.data.source):
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes((out / name).read_bytes())
        try:
            pipeline.prepare(root)
            pipeline.train(root)
            report = pipeline.evaluate(root)
        except Exception as exc:  # advisory: the scaffold is written either way
            return f"the pipeline does not run on the sample yet: {type(exc).__name__}: {exc}"
    checks = ", ".join(f"{c['metric']} {c['value'] if c['value'] is None else round(c['value'], 3)}"
                       f" ({c['direction']} {c['bar']})" for c in report["acceptance"])
    if not report["acceptance"]:
        return no_bar_note(spec, report)
    if report["accepted"]:
        return f"on the sample the baseline meets the acceptance bar: {checks}"
    return (f"on the sample the baseline misses the acceptance bar: {checks}; "
            f"'evaluate' will exit 1 until a model meets it")



def no_bar_note(spec: UseCaseSpec, report: dict) -> str:
    """The notice for a spec without an acceptance bar: what the baseline scores on the
    sample, and the target a model must reach (``monitoring.performance``)."""
    from canvas.scaffold.files import target_text
    from canvas.scaffold.runtime.metrics import lookup

    note = "no acceptance bar is set, so 'evaluate' accepts the heuristic baseline"
    perf = spec.monitoring.performance
    if perf is None:
        return note
    value = lookup(report, perf.metric)
    if value is not None:
        note += f" (on the sample: {perf.metric} {round(value, 3)})"
    target = target_text(spec)
    if target:
        note += (f"; the target for a model is {target} (monitoring.performance): add it to "
                 f"evaluation.acceptance when a model replaces the heuristic")
    return note


def data_check(out: Path, spec: UseCaseSpec) -> str:
    """Whether the copied data fits the spec's columns (what ``prepare`` will say)."""
    from canvas.scaffold.runtime import data as runtime_data
    from canvas.scaffold.runtime.project import required_columns

    params = spec.model_dump(mode="json", by_alias=True, exclude_none=True)
    try:
        raw = runtime_data.read_table(out / spec.data.source)
        runtime_data.coerce(raw, params["data"]["columns"], source=spec.data.source,
                            required=required_columns(params, with_target=True))
    except runtime_data.DataError as exc:
        return f"the data does not fit the spec yet; 'prepare' will stop with: {exc}"
    return f"{spec.data.source}: {len(raw)} rows fit the spec's columns"
