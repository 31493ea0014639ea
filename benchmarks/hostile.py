"""Hostile input: a corpus of files built to hang, exhaust or damage mlcanvas (the thirteen
kinds of issue 17 and more), run through every reader (``mlcanvas show`` and ``mlcanvas
import`` over .storm, YAML, Excalidraw, Miro, draw.io), ``validate``, ``scaffold`` and the
app's upload path (import, then a new workshop), each in a subprocess with a timeout.

Per reader it prints: inputs tried, handled cleanly (exit 0, 1 or 2, no traceback, within
5 s and 1 GB), the slowest time, the largest peak memory (``ru_maxrss`` of the process) and
the largest ratio of bytes written to bytes read. Run from the repository root:

    python benchmarks/hostile.py            # the whole corpus (a few minutes)
    python benchmarks/hostile.py --quick    # boards only, no scaffold
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tests" / "canvas" / "fixtures" / "specs" / "classification.yaml"
TIME_LIMIT, MEMORY_LIMIT = 5.0, 1024 ** 3
TIMEOUT = 60.0
MiB = 1024 * 1024

UPLOAD = """
import sys
from pathlib import Path
from canvas.workspace.store import Workspace
from eventstorming.errors import BoardFormatError, BoardUnreadableError
from eventstorming.formats.io import import_board
path, root = Path(sys.argv[1]), Path(sys.argv[2])
try:
    board = import_board(path.read_bytes(), path.name).board
except (BoardFormatError, BoardUnreadableError) as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
Workspace(root).create_from_board(board)
"""


# --------------------------------------------------------------------------- the corpus

def _excalidraw(elements: list[dict], name: str = "") -> str:
    return json.dumps({"type": "excalidraw", "appState": {"name": name}, "elements": elements})


def _sticky(n: int, x: float = 0, y: float = 0, text: str | None = None,
            frame: str | None = None) -> list[dict]:
    shape = {"id": f"s{n}", "type": "rectangle", "x": x, "y": y, "width": 100, "height": 100,
             "backgroundColor": "#ffa94d", "boundElements": [{"id": f"t{n}", "type": "text"}]}
    if frame:
        shape["frameId"] = frame
    return [shape, {"id": f"t{n}", "type": "text", "x": x + 5, "y": y + 5, "width": 50,
                    "height": 20, "containerId": f"s{n}", "text": text or f"Event {n}"}]


def boards() -> dict[str, str | bytes]:
    """Hostile board files by name (the suffix says the format)."""
    corpus: dict[str, str | bytes] = {}
    # 1 a scalar alias repeated: 1 MB that expands to 2 GB
    corpus["01-yaml-scalar-alias.yaml"] = (
        "title: &t " + "x" * 1_000_000 + "\nstickies:\n"
        + "".join(f"  - {{id: e{n}, kind: event, text: *t}}\n" for n in range(2_000)))
    corpus["01-yaml-scalar-alias-small.yaml"] = (
        "title: &t " + "x" * 1_000 + "\nstickies:\n"
        + "".join(f"  - {{id: e{n}, kind: event, text: *t}}\n" for n in range(2_000)))
    # 2 lanes: 100,000 one-sticky lanes; just under the element limit; a long chain
    corpus["02-storm-100k-lanes.storm"] = "# Lanes\n" + "".join(
        f"## Lane {n}\ne: Event {n}\n" for n in range(100_000))
    corpus["02-storm-9999-lanes.storm"] = "# Lanes\n" + "".join(
        f"## Lane {n}\ne: Event {n}\n" for n in range(9_999))
    corpus["02-yaml-20001-stickies.yaml"] = "stickies:\n" + "".join(
        f"- {{id: e{n}, kind: event, text: E{n}, lane: L{n}}}\n" for n in range(20_001)) + \
        "lanes: [" + ", ".join(f"L{n}" for n in range(20_001)) + "]\n"
    corpus["08-storm-200k-chain.storm"] = "# Chain\n" + " -> ".join(
        f"e: E{n}" for n in range(200_000)) + "\n"
    corpus["08-storm-9999-chain.storm"] = "# Chain\n" + " -> ".join(
        f"e: E{n}" for n in range(9_999)) + "\n"
    # 3 merge keys nested, as a board
    corpus["03-yaml-merge-bomb.yaml"] = "m0: &m0 {a: 1}\n" + "".join(
        f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}\n" for i in range(1, 26)) + "stickies: []\n"
    # 5 lone surrogates
    corpus["05-surrogates.excalidraw"] = _excalidraw(_sticky(1, text="Order \\ud800 placed"),
                                                     "Board \\udfff").replace("\\\\u", "\\u")
    corpus["05-surrogates-board.json"] = json.dumps(
        {"title": "T\ud800", "stickies": [{"id": "e-1", "kind": "event", "text": "x\udc00"}]})
    corpus["05-surrogates-miro.json"] = json.dumps({"data": [
        {"id": "1", "type": "sticky_note", "data": {"content": "Paid \ud800"},
         "style": {"fillColor": "orange"}, "position": {"x": 0, "y": 0},
         "geometry": {"width": 100, "height": 100}}]})
    # 7 Excalidraw text without an id
    no_id = _sticky(1)
    del no_id[1]["id"]
    no_id[0]["boundElements"] = []
    corpus["07-text-without-id.excalidraw"] = _excalidraw(no_id)
    # 8 slow importer paths: frames of one name, free texts on big shapes, %41 page
    frames = [{"id": f"f{n}", "type": "frame", "name": "Same", "x": 0, "y": n * 200,
               "width": 150, "height": 150} for n in range(19_990)]
    corpus["08-19990-frames-one-name.excalidraw"] = _excalidraw(
        frames + [e for n in range(4) for e in _sticky(n, 10, n * 200 + 10, frame=f"f{n}")])
    big = [{"id": f"b{n}", "type": "rectangle", "x": 0, "y": 0, "width": 100_000,
            "height": 100_000 + n, "backgroundColor": "#ffa94d"} for n in range(9_000)]
    texts = [{"id": f"x{n}", "type": "text", "x": n * 9, "y": n * 9, "width": 10, "height": 10,
              "text": f"T{n}"} for n in range(10_000)]
    corpus["08-free-texts-on-big-shapes.excalidraw"] = _excalidraw(big + texts)
    page = base64.b64encode(zlib.compress(("%41" * 6_900_000).encode())[2:-4]).decode()
    corpus["08-percent-page.drawio"] = f'<mxfile><diagram name="P">{page}</diagram></mxfile>'
    valid_page = base64.b64encode(zlib.compress(
        ('<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
         '<mxCell id="2" value="Paid" style="fillColor=#FFA94D" vertex="1" parent="1">'
         '<mxGeometry x="0" y="0" width="100" height="100" as="geometry"/></mxCell>'
         '</root></mxGraphModel>').replace("<", "%3C").replace(">", "%3E").encode()
    )[2:-4]).decode()
    corpus["08-percent-page-valid.drawio"] = (f'<mxfile><diagram name="P">{valid_page}'
                                              f'</diagram></mxfile>')
    # 9 Markdown in user text
    corpus["09-markdown.storm"] = ("# ![t](https://tracker.example/p.png) :red[Admin]\n"
                                   "## <img src=x onerror=alert(1)>\n"
                                   "e: ![s](https://tracker.example/s.png)\n")
    # 10 sizes and numbers
    corpus["10-over-20mib.storm"] = b"e: x\n" * (20 * MiB // 5 + 1)
    corpus["10-huge-int.excalidraw"] = ('{"type": "excalidraw", "elements": [], "x": '
                                        + "9" * 5_000 + "}")
    corpus["10-huge-int.yaml"] = "stickies: []\nx: " + "9" * 5_000 + "\n"
    corpus["10-huge-attr.storm"] = "e: Paid {amount: " + "9" * 5_000 + ", big: 1e999}\n"
    # 12 control characters
    corpus["12-control-chars.storm"] = ("# Ti\x1b[2J\x1b]0;owned\x07tle\x00\n## La\x1b[31mne\n"
                                        "e: Pa\x00id\x1b[0m\n")
    # more of our own: entity expansion, deep nesting, element limits in other formats
    corpus["20-entity-bomb.drawio"] = (
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
                  for p, c in zip("abcdefg", "bcdefgh", strict=True))
        + ']><mxfile><diagram name="P">&h;</diagram></mxfile>')
    corpus["21-deep-json.excalidraw"] = "[" * 200_000 + "]" * 200_000
    corpus["22-deep-yaml.yaml"] = "[" * 100_000 + "]" * 100_000
    corpus["23-miro-20001-items.json"] = json.dumps({"data": [
        {"id": str(n), "type": "sticky_note", "data": {"content": f"E{n}"},
         "position": {"x": n, "y": 0}} for n in range(20_001)]})
    corpus["24-drawio-pages-over-limit.drawio"] = "<mxfile>" + "".join(
        f'<diagram name="P{p}"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        + "".join(f'<mxCell id="c{n}" value="E{p}-{n}" style="fillColor=#FFA94D" vertex="1" '
                  f'parent="1"><mxGeometry x="{n * 120}" y="0" width="100" height="100" '
                  f'as="geometry"/></mxCell>' for n in range(7_000))
        + "</root></mxGraphModel></diagram>" for p in range(3)) + "</mxfile>"
    corpus["25-long-line.storm"] = "e: " + "word " * 3_000_000 + "\n"
    corpus["26-many-attrs.storm"] = "e: x {" + ", ".join(f"k{n}: {n}" for n in range(200_000)) \
        + "}\n"
    corpus["27-not-utf8.storm"] = b"# T\n\xff\xfe e: x\n"
    corpus["28-binary.yaml"] = bytes(range(256)) * 100
    corpus["29-empty.storm"] = ""
    return corpus


def specs() -> dict[str, str]:
    """Hostile specs by name, each a change of a valid spec (the control comes first)."""
    base = SPEC.read_text(encoding="utf-8")
    literal = "a" * 28 + "b"

    def change(old: str, new: str) -> str:
        assert old in base, old
        return base.replace(old, new)

    return {
        "00-valid.yaml": base,
        "03-merge-bomb.yaml": "m0: &m0 {a: 1}\n" + "".join(
            f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}\n" for i in range(1, 26)),
        "01-scalar-alias.yaml": change("  title: Categorize expense receipts",
                                       "  title: &t " + "x" * 1_000_000) + "x: [" +
        ", ".join(["*t"] * 200) + "]\n",
        "04-regex-nested.yaml": change("contains_any: [shell, aral, esso]}",
                                       f"matches: '(a+)+$'}}\n      predict: {literal}\n"
                                       "    - when: {feature: merchant, contains_any: [x]}"),
        "04-regex-alternation.yaml": change("contains_any: [shell, aral, esso]}",
                                            "matches: '(a|aa)*c'}"),
        "04-regex-backreference.yaml": change("contains_any: [shell, aral, esso]}",
                                              "matches: '(\\w+)\\1'}"),
        "04-regex-ok.yaml": change("contains_any: [shell, aral, esso]}",
                                   "matches: '(?i)^(shell|aral|esso)\\b'}"),
        "06-name-six.yaml": change("name: receipt-categorization", "name: six"),
        "06-name-pip.yaml": change("name: receipt-categorization", "name: pip"),
        "06-name-dateutil.yaml": change("name: receipt-categorization", "name: dateutil"),
        "06-name-conftest.yaml": change("name: receipt-categorization", "name: conftest"),
        "11-acceptance-nan.yaml": change("acceptance: {macro_f1: 0.6}",
                                         "acceptance: {macro_f1: .nan}"),
        "11-threshold-inf.yaml": change("{feature: amount, gt: 80}", "{feature: amount, gt: .inf}"),
        "11-source-prepared.yaml": change("source: data/receipts.csv",
                                          "source: data/prepared/train.csv"),
        "12-control-chars.yaml": change("  title: Categorize expense receipts",
                                        '  title: "Receipts\\0 \\e[31mred\\e[0m"'),
        "20-huge-int.yaml": change("seed: 42", "seed: " + "9" * 5_000),
        "21-surrogate.yaml": change("  title: Categorize expense receipts",
                                    '  title: "\\ud800"'),
        "22-deep.yaml": "[" * 50_000 + "]" * 50_000,
        "23-many-rules.yaml": change(
            "  default: other",
            "  default: other\n" + "".join(
                f"# padding {n}\n" for n in range(10)))
        .replace("  rules:\n", "  rules:\n" + "".join(
            f"    - when: {{feature: merchant, contains_any: [w{n}]}}\n      predict: fuel\n"
            for n in range(5_000))),
    }


# --------------------------------------------------------------------------- running

@dataclass
class Result:
    name: str
    code: int | None
    seconds: float
    peak: int
    read: int
    written: int
    traceback: bool
    message: str

    startup: float = 0.0  #: the reader's own start (interpreter and imports), measured apart

    @property
    def work(self) -> float:
        """Seconds spent on this input: wall time less the reader's start."""
        return max(self.seconds - self.startup, 0.0)

    @property
    def clean(self) -> bool:
        return (self.code in (0, 1, 2) and not self.traceback and self.work < TIME_LIMIT
                and self.peak < MEMORY_LIMIT)


@dataclass
class Reader:
    name: str
    results: list[Result] = field(default_factory=list)


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def run(args: list[str], read: int, output: Path | None, name: str) -> Result:
    """One subprocess: exit code, wall time, peak memory (ru_maxrss), bytes written."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stdout=out,
                                   stderr=err)
        deadline = start + TIMEOUT
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        out.seek(0)
        stdout = out.read()
    code = process.returncode if seconds < TIMEOUT else None
    written = _size(output) if output else 0
    written = max(written, len(stdout))
    first = (stderr.strip().splitlines() or [""])[0]
    return Result(name, code, seconds, usage.ru_maxrss * 1024, read, written,
                  "Traceback" in stderr, first[:110])


def _startups(work: Path) -> dict[str, float]:
    """Each reader's wall time on a tiny input (valid, or for scaffold refused after its
    imports): starting Python and importing mlcanvas, which every input pays and which the
    time limit is not about."""
    board = work / "tiny.storm"
    board.write_text("# Tiny\ne: Paid\n", encoding="utf-8")
    spec = work / "tiny.yaml"
    spec.write_text(SPEC.read_text(encoding="utf-8"), encoding="utf-8")
    refused = work / "refused.yaml"  # scaffold's start: the imports, then a refusal
    refused.write_text(SPEC.read_text(encoding="utf-8").replace(
        "name: receipt-categorization", "name: pip"), encoding="utf-8")
    commands = {
        "show": ["-m", "canvas", "show", str(board)],
        "import": ["-m", "canvas", "import", str(board), "-o", str(work / "tiny.out.yaml")],
        "upload": ["-c", UPLOAD, str(board), str(work / "tiny-ws")],
        "validate": ["-m", "canvas", "validate", str(spec)],
        "scaffold": ["-m", "canvas", "scaffold", str(refused), str(work / "tiny-project")],
    }
    startup = {}
    for reader, args in commands.items():
        times = []
        for _ in range(3):
            (work / "tiny-ws").mkdir(exist_ok=True)
            shutil.rmtree(work / "tiny-project", ignore_errors=True)
            times.append(run(args, 0, None, "tiny").seconds)
        startup[reader] = sorted(times)[1]
    return startup


def main() -> int:
    quick = "--quick" in sys.argv
    readers: dict[str, Reader] = {}
    work = Path(tempfile.mkdtemp(prefix="mlcanvas-hostile-"))
    try:
        board_dir, spec_dir = work / "boards", work / "specs"
        board_dir.mkdir()
        spec_dir.mkdir()
        startup = _startups(work)
        print("start of each reader on a tiny valid input (median of 3), subtracted below: "
              + ", ".join(f"{k} {v:.2f}s" for k, v in startup.items()), flush=True)
        for name, content in boards().items():
            path = board_dir / name
            path.write_bytes(content if isinstance(content, bytes)
                             else content.encode("utf-8", "surrogatepass"))
        for name, content in specs().items():
            (spec_dir / name).write_text(content, encoding="utf-8")

        for path in sorted(board_dir.iterdir()):
            size = path.stat().st_size
            out = work / "out" / f"{path.name}.yaml"
            out.parent.mkdir(exist_ok=True)
            for reader, args, output in (
                    ("show", ["-m", "canvas", "show", str(path)], None),
                    ("import", ["-m", "canvas", "import", str(path), "-o", str(out)], out),
                    ("upload", ["-c", UPLOAD, str(path), str(work / "ws" / path.name)],
                     work / "ws" / path.name)):
                (work / "ws" / path.name).mkdir(parents=True, exist_ok=True)
                result = run(args, size, output, path.name)
                result.startup = startup[reader]
                readers.setdefault(reader, Reader(reader)).results.append(result)
                print(f"  {reader:8} {path.name:40} exit {result.code} "
                      f"{result.seconds:5.2f}s {result.peak / MiB:6.0f} MiB "
                      f"in {size / MiB:5.2f} MiB out {result.written / MiB:6.2f} MiB  "
                      f"{result.message[:60]}", flush=True)
        for path in sorted(spec_dir.iterdir()):
            size = path.stat().st_size
            jobs = [("validate", ["-m", "canvas", "validate", str(path)], None)]
            if not quick:
                target = work / "projects" / path.stem
                jobs.append(("scaffold", ["-m", "canvas", "scaffold", str(path), str(target)],
                             target))
            for reader, args, output in jobs:
                result = run(args, size, output, path.name)
                result.startup = startup[reader]
                readers.setdefault(reader, Reader(reader)).results.append(result)
                print(f"  {reader:8} {path.name:40} exit {result.code} "
                      f"{result.seconds:5.2f}s {result.peak / MiB:6.0f} MiB "
                      f"out {result.written / MiB:6.2f} MiB  {result.message[:60]}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"{'reader':9} {'inputs':>6} {'clean':>6} {'slowest':>8} {'(wall)':>8} "
          f"{'peak memory':>12} {'most written / read':>20}  slowest input")
    total = clean = 0
    for reader in readers.values():
        results = reader.results
        ok = sum(r.clean for r in results)
        total, clean = total + len(results), clean + ok
        slowest = max(results, key=lambda r: r.work)
        peak = max(r.peak for r in results)
        boards_only = [r for r in results if r.read and reader.name != "scaffold"]
        ratio = max((r.written / r.read for r in boards_only), default=0.0)
        print(f"{reader.name:9} {len(results):6} {ok:6} {slowest.work:7.2f}s "
              f"{slowest.seconds:7.2f}s {peak / MiB:8.0f} MiB {ratio:19.2f}x  {slowest.name}")
        for r in results:
            if not r.clean:
                print(f"    NOT CLEAN: {r.name}: exit {r.code}, {r.work:.1f}s, "
                      f"{r.peak / MiB:.0f} MiB, traceback={r.traceback}: {r.message}")
    print(f"\n{clean}/{total} handled cleanly ({100 * clean / max(total, 1):.0f}%): exit 0/1/2, "
          f"no traceback, each under {TIME_LIMIT:.0f} s (beyond the reader's start) and "
          f"{MEMORY_LIMIT // MiB:,} MiB")
    return 0 if clean == total else 1


if __name__ == "__main__":
    sys.exit(main())
