"""How long importing takes: large valid boards in each format, and hostile files that
must be refused within a second or two. Prints one line per case (seconds, outcome).
Then what the importers make of the real exports in ``../shared/benchmarks/exports``
(prooph board / InspectIO XML, a Miro item dump): stickies by kind, notes, lanes, links,
UI stickies, grammar warnings, and how many texts still hold markup (must be 0).

    python benchmarks/importers.py
"""

from __future__ import annotations

import base64
import json
import sys
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventstorming.builder import BoardBuilder  # noqa: E402
from eventstorming.errors import BoardFormatError, BoardUnreadableError  # noqa: E402
from eventstorming.formats.importers.common import MAX_ELEMENTS, has_markup  # noqa: E402
from eventstorming.formats.importers.drawio import MAX_INFLATED_BYTES  # noqa: E402
from eventstorming.formats.io import MAX_BOARD_BYTES, export_board, import_board  # noqa: E402
from eventstorming.grammar import check_board  # noqa: E402
from eventstorming.model import Kind  # noqa: E402


def big_board(stickies: int):
    builder = BoardBuilder("Big board")
    kinds = [Kind.ACTOR, Kind.COMMAND, Kind.EVENT, Kind.POLICY, Kind.READMODEL]
    previous = None
    for n in range(stickies):
        sid = builder.sticky(kinds[n % len(kinds)], f"Step {n}", lane=f"Lane {n // 500}")
        if previous:
            builder.link(previous, sid)
        previous = sid
    return builder.build()


def miro_items(count: int) -> str:
    items = [{"id": str(10**12 + n), "type": "sticky_note",
              "data": {"content": f"<p>Sticky {n}</p>"}, "style": {"fillColor": "orange"},
              "position": {"x": n * 10.0, "y": (n % 7) * 250.0},
              "geometry": {"width": 199, "height": 228}} for n in range(count)]
    return json.dumps({"data": items})


def compressed(payload: bytes) -> str:
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = deflate.compress(payload) + deflate.flush()
    return f"<mxfile><diagram>{base64.b64encode(packed).decode()}</diagram></mxfile>"


def case(label: str, data: str | bytes, name: str) -> None:
    start = time.perf_counter()
    try:
        result = import_board(data, name)
        outcome = f"board: {len(result.board.stickies)} stickies, {len(result.board.links)} links"
    except (BoardFormatError, BoardUnreadableError) as exc:
        outcome = f"refused: {str(exc)[:90]}"
    elapsed = time.perf_counter() - start
    size = len(data) / 1e6
    print(f"{elapsed:7.3f} s  {size:7.2f} MB  {label:<34} {outcome}")


def main() -> None:
    board = big_board(5_000)
    case("excalidraw, 5,000 stickies", export_board(board, "excalidraw"), "big.excalidraw")
    case("miro REST, 20,000 stickies", miro_items(20_000), "big.json")
    laughs = ('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
                        for p, c in zip("abcdefgh", "bcdefghi", strict=True))
              + ']><mxGraphModel><root><mxCell value="&i;"/></root></mxGraphModel>')
    case("billion laughs", laughs, "laughs.drawio")
    case("external entity", '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM '
         '"file:///etc/passwd">]><mxGraphModel>&x;</mxGraphModel>', "xxe.drawio")
    case("decompression bomb (1 GB of A)", compressed(b"A" * (1 << 30)), "bomb.drawio")
    case(f"bomb just over {MAX_INFLATED_BYTES:,} B", compressed(b" " * (MAX_INFLATED_BYTES + 1)),
         "bomb2.drawio")
    case("deep JSON (1,000,000 levels)", "[" * 10**6 + "]" * 10**6, "deep.json")
    case("deep XML (1,000,000 levels)", "<mxGraphModel>" + "<a>" * 10**6 + "</a>" * 10**6
         + "</mxGraphModel>", "deep.drawio")
    element = '{"id":"x","type":"text","text":"a"},'
    case(f"excalidraw, {MAX_ELEMENTS + 1:,} elements",
         '{"type":"excalidraw","elements":[' + element * MAX_ELEMENTS + element[:-1] + "]}",
         "many.excalidraw")
    case("many XML tags", "<mxGraphModel>" + "<b/>" * 2_000_000 + "</mxGraphModel>",
         "tags.drawio")
    chain = "".join(
        f'<mxCell id="c{n}" value="Step {n}" style="swimlane;fillColor=#ffa94d" vertex="1" '
        f'parent="c{n - 1}"><mxGeometry x="1" y="1" width="10" height="10" as="geometry"/>'
        f"</mxCell>" for n in range(1, MAX_ELEMENTS - 10))
    case("draw.io, 19,989 nested containers", f'<mxGraphModel><root><mxCell id="c0"/>{chain}'
         f'<mxCell id="s" value="A" style="fillColor=#ffa94d" vertex="1" '
         f'parent="c{MAX_ELEMENTS - 11}">'
         '<mxGeometry width="10" height="10" as="geometry"/></mxCell></root></mxGraphModel>',
         "nested.drawio")
    nested = [{"id": str(n), "type": "sticky_note", "parentId": str(n - 1), "x": 1, "y": 1,
               "content": f"Step {n}", "style": {"fillColor": "orange"}}
              for n in range(1, MAX_ELEMENTS)]
    case("miro, 19,999 nested parents", json.dumps(nested), "nested.json")
    text = export_board(board, "excalidraw")
    case("truncated excalidraw", text[: len(text) // 2], "cut.excalidraw")
    case(f"over {MAX_BOARD_BYTES:,} bytes", b" " * (MAX_BOARD_BYTES + 1), "huge.json")


EXPORTS = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "exports"


def real_exports(folder: Path = EXPORTS) -> None:
    """Figures for each real export: what became stickies, notes, lanes and links."""
    if not folder.is_dir():
        print(f"(no real exports at {folder})")
        return
    print(f"\nreal exports in {folder}:")
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        start = time.perf_counter()
        try:
            result = import_board(path.read_bytes(), path.name)
        except (BoardFormatError, BoardUnreadableError) as exc:
            print(f"  {path.name}: refused: {exc}")
            continue
        elapsed = time.perf_counter() - start
        board = result.board
        counts = board.counts()
        notes = counts.pop("note", 0)
        texts = ([s.text for s in board.stickies] + list(board.lanes)
                 + [link.label or "" for link in board.links])
        warnings = check_board(board)
        markup = sum(map(has_markup, texts)) + sum(has_markup(w.message) for w in warnings)
        unusual = sum(w.rule == "unusual-link" for w in warnings)
        kinds = ", ".join(f"{n} {k}" for k, n in counts.items())
        print(f"  {path.name} ({result.format}, {elapsed:.3f} s): {sum(counts.values())} "
              f"stickies ({kinds}), {notes} notes, {len(board.lanes)} lanes, "
              f"{len(board.links)} links, {sum(s.is_ui for s in board.stickies)} UI, "
              f"{unusual} unusual links, texts with markup: {markup}")


if __name__ == "__main__":
    main()
    real_exports()
