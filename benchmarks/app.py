"""How fast are the app's pages? Prints measured figures.

1. Script-run time of the Board page (AppTest, in-process) for boards of 0, 100 and 500
   stickies: the median of several reruns after a first warm-up run. Aim: <= 0.5 s.
2. Time until the board picture is visible in headless Chromium for a 500-sticky board
   (and a 10-sticky one, the fixed cost of loading Streamlit and plotly's 4.7 MB chart
   bundle), from navigation to the first drawn sticky text: the median of several page
   loads. Aim: <= 3 s. Skipped with a message when /usr/bin/chromium is missing. The load
   average is printed too: on a busy machine the browser figures grow with it.
3. Script-run time of every page (Workshops, Board, Opportunities, Prioritize, Canvas,
   Export) for a 500-sticky board with its best five opportunities accepted: the median of
   several reruns after a warm-up run. Aim: <= 0.5 s.
4. Big boards (``--big-boards``, run on its own): opening the Board page of a 1,000 and a
   10,000 sticky board (first script run, caches cleared) and capturing a line on it
   (median over ``--lines`` Quick capture lines), in AppTest; and the time until the
   10,000-sticky picture is visible in Chromium. Aim: open < 5 s, capture < 1 s.
5. Live capture by many participants (issue 14): twelve participants each add a sticky every
   five seconds for two minutes to one workshop served by two ``streamlit run`` processes on
   one store. What is simulated how: two participants are real headless Chromium pages, one
   on each app process, typing into Quick capture and pressing Enter; the other ten are
   threads in this script that call the same domain function the page's Quick capture
   calls (:func:`canvas.services.live.apply_change` with an ``AddLine``) against the same
   store, without a browser (ten more Chromium pages do not fit on two cores beside two app
   processes). Printed: stickies lost (added but not on the saved board at the end; must be
   0), conflicts shown (a refused save a participant would see; must be 0), and the time
   from a sticky being saved by one participant until it is drawn in each browser's
   picture (median and worst over every sticky and both browsers; aim: median <= 2 s,
   worst <= 4 s). The store is the folder store unless ``MLCANVAS_DATABASE_URL`` is set
   for the app processes (``--store-env KEY=VALUE``).

Run from the repository root: ``python benchmarks/app.py [--runs 7] [--loads 3]``;
``python benchmarks/app.py --live-only [--live-seconds 120 --live-participants 12]`` runs
only section 5;
``python benchmarks/app.py --big-boards [--lines 5] [--loads 3]`` runs only section 4.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from canvas.workspace.store import Workspace  # noqa: E402
from eventstorming.builder import BoardBuilder  # noqa: E402
from eventstorming.model import Board  # noqa: E402

LANES = ["Customer", "Sales", "Accounting", "Warehouse", "Shipping", "Support"]
WORDS = ["order", "invoice", "receipt", "parcel", "refund", "claim", "ticket", "payment",
         "delivery", "contract", "reminder", "quote"]


def synthetic_board(stickies: int, sparse: bool = False) -> Board:
    """A board of ``stickies`` stickies in chains of actor → command → event → policy,
    spread over six lanes, each policy triggering the next chain's command (``sparse``:
    not the next chain's, so that 10,000 stickies stay under the board's element limit)."""
    builder = BoardBuilder(f"Synthetic board ({stickies} stickies)")
    builder.metadata["lang"] = "en"
    previous_policy = None
    n = 0
    chain = 0
    while n < stickies:
        lane = LANES[chain % len(LANES)]
        word = f"{WORDS[chain % len(WORDS)]} {chain}"
        parts = [("actor", f"{lane} clerk {chain}"), ("command", f"Check {word} details"),
                 ("event", f"{word.capitalize()} checked and filed"),
                 ("policy", f"Whenever a {word} is checked, notify the team")]
        ids = []
        for kind, text in parts[: stickies - n]:
            ids.append(builder.sticky(kind, text, lane=lane, attrs={"minutes": 2}))
            n += 1
        for a, b in zip(ids, ids[1:], strict=False):
            builder.link(a, b)
        if previous_policy and len(ids) > 1 and not sparse:
            builder.link(previous_policy, ids[1])
        previous_policy = ids[3] if len(ids) == 4 else None
        chain += 1
    return builder.build()


def page_run_times(sizes: list[int], runs: int) -> dict[int, float]:
    from streamlit.testing.v1 import AppTest

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "workspace"
        os.environ["MLCANVAS_WORKSPACE"] = str(root)
        workspace = Workspace(root)
        root.mkdir(parents=True)
        for size in sizes:
            workshop = workspace.create_from_board(synthetic_board(size))
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
            at.switch_page("ui/board.py")
            at.query_params["workshop"] = workshop
            at.run()
            assert not at.exception, at.exception
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                at.run()
                times.append(time.perf_counter() - start)
            results[size] = statistics.median(times)
    return results


PAGES = {"Workshops": "ui/workshops.py", "Board": "ui/board.py",
         "Opportunities": "ui/opportunities.py", "Prioritize": "ui/prioritize.py",
         "Canvas": "ui/canvas_page.py", "Export": "ui/export.py"}


def every_page_run_times(board: Board, runs: int, accept: int = 5) -> tuple[dict, int]:
    """Script-run time of every page for ``board`` with its best ``accept`` opportunities
    accepted (median of ``runs`` reruns after a warm-up); also returns how many
    opportunities the board has."""
    from streamlit.testing.v1 import AppTest

    from canvas.workspace.decisions import Decisions, save_decisions
    from eventstorming.detection.detector import detect

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "workspace"
        os.environ["MLCANVAS_WORKSPACE"] = str(root)
        workspace = Workspace(root)
        root.mkdir(parents=True)
        workshop = workspace.create_from_board(board)
        found = detect(board).opportunities
        decisions = Decisions()
        for opp in found[:accept]:
            decisions = decisions.accept(opp.id, "benchmark")
        save_decisions(workspace, workshop, decisions, 0)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        for name, page in PAGES.items():
            at.switch_page(page)
            at.query_params["workshop"] = workshop
            at.run()
            assert not at.exception, (name, at.exception)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                at.run()
                times.append(time.perf_counter() - start)
            results[name] = statistics.median(times)
    return results, len(found)


def picture_visible_time(stickies: int, loads: int, sparse: bool = False) -> float | None:
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        print("browser figure skipped: no Chromium at /usr/bin/chromium")
        return None
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.app.conftest import CHROMIUM_ARGS, start_server

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "workspace"
        root.mkdir(parents=True)
        workshop = Workspace(root).create_from_board(synthetic_board(stickies, sparse))
        server = start_server(root, log_dir=Path(tmp))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(chromium),
                                                     headless=True, args=CHROMIUM_ARGS)
                times = []
                for _ in range(loads + 1):          # the first load warms the server up
                    page = browser.new_page(viewport={"width": 1600, "height": 1000})
                    start = time.perf_counter()
                    page.goto(f"{server.url}/board?workshop={workshop}")
                    page.wait_for_selector("[data-testid='stPlotlyChart'] g.textpoint text",
                                           timeout=180_000)
                    times.append(time.perf_counter() - start)
                    page.close()
                browser.close()
        finally:
            server.stop()
    return statistics.median(times[1:])


#: The sticky texts drawn in the picture, one per line; a text wrapped onto several lines
#: (one ``tspan`` each) is joined with spaces, as it was typed.
LIVE_SHOWN_JS = """() => Array.from(document.querySelectorAll(
    "[data-testid='stPlotlyChart'] g.textpoint text")).map(t => {
        const lines = t.querySelectorAll('tspan.line');
        return lines.length ? Array.from(lines).map(l => l.textContent).join(' ')
                            : t.textContent;
    }).join('\\n')"""


#: Started in each browser page: when each sticky text is first drawn (ms since the epoch).
STAMP_SHOWN_JS = ("""() => { window.__seen = {}; setInterval(() => {
    for (const text of (SHOWN)().split('\\n'))
        if (!(text in window.__seen)) window.__seen[text] = Date.now();
}, 50); }""".replace("SHOWN", LIVE_SHOWN_JS))

#: How long the browsers may take, after the last sticky is added, to show every sticky.
SETTLE_SECONDS = 15.0


def live_capture(participants: int = 12, seconds: float = 120, interval: float = 5.0,
                 store_env: dict[str, str] | None = None) -> dict | None:
    """Section 5: see the module's docstring. Returns the figures, or None without
    Chromium."""
    import random
    import threading

    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        print("live capture skipped: no Chromium at /usr/bin/chromium")
        return None
    from playwright.sync_api import sync_playwright

    from canvas.services.live import AddLine, LiveError, apply_change
    from canvas.workspace.store import StoreError
    from eventstorming import parse_storm
    from tests.app.conftest import (
        CHROMIUM_ARGS,
        SAMPLE_STORM,
        start_server,
        store_workspace,
        wait_for_app,
    )

    store_env = store_env or {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "workspace"
        root.mkdir(parents=True)
        workspace = store_workspace(store_env, root)
        workshop = workspace.create_from_board(parse_storm(SAMPLE_STORM))
        servers = [start_server(root, log_dir=Path(tmp), env=store_env) for _ in range(2)]
        saved_at: dict[str, float] = {}          # sticky text -> when its save returned
        refused: list[str] = []
        lock = threading.Lock()
        stop = threading.Event()
        start = time.time()

        def participant(n: int) -> None:
            store = store_workspace(store_env, root)
            time.sleep(random.uniform(0, interval))
            k = 0
            while not stop.is_set() and time.time() - start < seconds:
                text = f"P{n:02d} sticky {k}"
                try:
                    apply_change(store, workshop, AddLine(f"e: {text}", "Employee"),
                                 f"Participant {n}")
                    with lock:
                        saved_at[text] = time.time()
                except (LiveError, StoreError, ValueError) as exc:
                    with lock:
                        refused.append(f"{text}: {exc}")
                k += 1
                stop.wait(interval)

        simulated = max(participants - 2, 0)
        threads = [threading.Thread(target=participant, args=(n,), daemon=True)
                   for n in range(simulated)]
        seen: list[dict[str, float]] = [{}, {}]
        errors_shown: set[str] = set()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(chromium),
                                                     headless=True, args=CHROMIUM_ARGS)
                pages = []
                for i, server in enumerate(servers):
                    page = browser.new_page(viewport={"width": 1500, "height": 950})
                    page.set_default_timeout(60_000)
                    page.goto(f"{server.url}/board?workshop={workshop}")
                    wait_for_app(page)
                    name = page.get_by_role("textbox", name="Your name")
                    name.fill(f"Browser {i + 1}")
                    name.press("Enter")
                    wait_for_app(page)
                    page.evaluate(STAMP_SHOWN_JS)
                    pages.append(page)
                start = time.time()
                for thread in threads:
                    thread.start()
                next_add = [start + random.uniform(0, interval) for _ in pages]
                counts = [0, 0]
                pending: list[tuple[int, str, float]] = []   # typed in a browser, not saved
                while time.time() - start < seconds + SETTLE_SECONDS:
                    now = time.time()
                    if now - start > seconds + 1 and all(
                            text in seen[i] for i in range(2)
                            for text in {*saved_at, *(p[1] for p in pending)}):
                        break                      # everything is on both screens
                    for i, page in enumerate(pages):
                        if now >= next_add[i] and now - start < seconds:
                            text = f"B{i + 1} sticky {counts[i]}"
                            box = page.get_by_role("textbox", name="Quick capture")
                            box.fill(f"e: {text}")
                            box.press("Enter")
                            pending.append((i, text, now))
                            counts[i] += 1
                            next_add[i] = now + interval
                    for i, page in enumerate(pages):
                        # each page stamps a text when it first draws it (Date.now(), the
                        # same clock as time.time()), so a stall of this loop while it
                        # types into the other page does not count as latency
                        seen[i].update({text: stamp / 1000 for text, stamp in
                                        page.evaluate("() => window.__seen").items()})
                        errors = page.locator("[data-testid='stAlertContentError']")
                        errors_shown.update(errors.all_inner_texts())
                    time.sleep(0.1)
                stop.set()
                for thread in threads:
                    thread.join()
                # a sticky typed into a browser counts as saved when it is on the board
                board_texts = {s.text for s in workspace.load_board(workshop).data.stickies}
                for _i, text, typed in pending:
                    if text in board_texts:
                        # timed from Enter: includes the page run that saves it
                        saved_at[text] = typed
                browser.close()
        finally:
            stop.set()
            for server in servers:
                server.stop()
        board_texts = {s.text for s in workspace.load_board(workshop).data.stickies}
        added = set(saved_at) | {text for _i, text, _t in pending}
        lost = sorted(added - board_texts)
        delays = []
        for i in range(2):
            own = f"B{i + 1} "
            for text, when in saved_at.items():
                if text.startswith(own):
                    continue                      # only the others' stickies
                if text in seen[i]:
                    delays.append(max(seen[i][text] - when, 0.0))
                else:
                    delays.append(float("inf"))   # never shown
        shown = sorted(d for d in delays if d != float("inf"))
        return {"participants": participants, "added": len(added), "lost": len(lost),
                "p90": shown[int(0.9 * (len(shown) - 1))] if shown else float("nan"),
                "never": len(delays) - len(shown),
                "lost_texts": lost[:5], "conflicts": len(refused) + len(errors_shown),
                "refused": (refused + sorted(errors_shown))[:3],
                "median": statistics.median(delays) if delays else float("nan"),
                "worst": max(delays) if delays else float("nan"), "samples": len(delays)}


def print_live(figures: dict | None, seconds: float) -> None:
    if figures is None:
        return
    print(f"Live capture: {figures['participants']} participants, a sticky each every 5 s "
          f"for {seconds:.0f} s, two app processes, one store (2 in Chromium, the others "
          "simulated through the same domain call)")
    print(f"  stickies added:   {figures['added']}")
    print(f"  stickies lost:    {figures['lost']} (must be 0) {figures['lost_texts'] or ''}")
    print(f"  conflicts shown:  {figures['conflicts']} (must be 0) {figures['refused'] or ''}")
    worst = (f"{figures['never']} not shown within {SETTLE_SECONDS:.0f} s of the end"
             if figures["never"] else f"worst {figures['worst']:.2f} s")
    print(f"  time to show in the other browsers: median {figures['median']:.2f} s, 90th "
          f"percentile {figures['p90']:.2f} s, {worst}, over {figures['samples']} sightings "
          "(aim: median <= 2 s, worst <= 4 s)")
def big_board_times(sizes: list[int], lines: int) -> dict[int, tuple[float, float]]:
    """Opening the Board page of a board of each size (first script run, nothing cached)
    and capturing one line on it (median script run over ``lines`` Quick capture lines),
    in AppTest: ``{size: (open seconds, capture seconds)}``."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "workspace"
        os.environ["MLCANVAS_WORKSPACE"] = str(root)
        workspace = Workspace(root)
        root.mkdir(parents=True)
        for size in sizes:
            workshop = workspace.create_from_board(synthetic_board(size, sparse=True))
            st.cache_resource.clear()
            st.cache_data.clear()
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
            at.switch_page("ui/board.py")
            at.query_params["workshop"] = workshop
            start = time.perf_counter()
            at.run()
            opened = time.perf_counter() - start
            assert not at.exception, at.exception
            times = []
            for n in range(lines):
                at.text_input(key=f"capture_{workshop}").set_value(
                    f"c: Benchmark command {n} -> e: Benchmark event {n} happened")
                start = time.perf_counter()
                at.button(key="capture_add").click().run()
                times.append(time.perf_counter() - start)
                assert not at.exception, at.exception
            saved = workspace.load_board(workshop).data
            assert saved.find("event", f"Benchmark event {lines - 1} happened") is not None
            results[size] = (opened, statistics.median(times))
    return results


def print_big_boards(lines: int, loads: int) -> None:
    print(f"Big boards: open the Board page (first run, caches cleared) and capture a line "
          f"(median of {lines} Quick capture lines); AppTest; aim: open < 5 s, capture < 1 s "
          "at 10,000 stickies")
    for size, (opened, captured) in big_board_times([1000, 10_000], lines).items():
        print(f"  {size:6,d} stickies: open {opened:.2f} s, capture a line {captured:.2f} s")
    print(f"Board picture visible in Chromium (median of {loads} loads after a warm-up; "
          "10 stickies is the fixed cost of Streamlit and plotly's bundle)")
    for size in (10, 10_000):
        seconds = picture_visible_time(size, loads, sparse=True)
        if seconds is None:
            break
        print(f"  {size:6,d} stickies: {seconds:.2f} s")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"(load average during the run: {load} on {os.cpu_count()} CPUs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="AppTest reruns per size")
    parser.add_argument("--loads", type=int, default=3, help="browser page loads")
    parser.add_argument("--big-boards", action="store_true",
                        help="only the 1,000 and 10,000 sticky figures (open, capture)")
    parser.add_argument("--lines", type=int, default=5, help="lines captured per big board")
    parser.add_argument("--live-only", action="store_true", help="only section 5")
    parser.add_argument("--live-seconds", type=float, default=120)
    parser.add_argument("--live-participants", type=int, default=12)
    parser.add_argument("--store-env", action="append", default=[], metavar="KEY=VALUE",
                        help="environment of the app processes (the store they use)")
    args = parser.parse_args()
    store_env = dict(item.split("=", 1) for item in args.store_env)
    if args.big_boards:
        print_big_boards(args.lines, args.loads)
        return
    if args.live_only:
        print_live(live_capture(args.live_participants, args.live_seconds,
                                store_env=store_env), args.live_seconds)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"(load average during the run: {load} on {os.cpu_count()} CPUs)")
        return
    print(f"Board page script run (AppTest, median of {args.runs} reruns; aim <= 0.5 s)")
    for size, seconds in page_run_times([0, 100, 500], args.runs).items():
        print(f"  {size:4d} stickies: {seconds:.3f} s")
    from eventstorming.formats.storm import read_storm

    boards = [("synthetic board", synthetic_board(500))]
    example = ROOT / "examples" / "travel_expenses" / "board.storm"
    if example.exists():   # its opportunities have features, so Export makes a valid spec
        boards.append(("travel expense example", read_storm(example)))
    for label, board in boards:
        pages, found = every_page_run_times(board, args.runs)
        print(f"Every page, {label} ({len(board.stickies)} stickies, {min(found, 5)} of "
              f"{found} opportunities accepted; AppTest, median of {args.runs} reruns; "
              f"aim <= 0.5 s)")
        for name, seconds in pages.items():
            print(f"  {name:13s} {seconds:.3f} s")
    print(f"Board picture visible in Chromium (median of {args.loads} page loads; aim <= 3 s "
          "for 500; 10 stickies shows the fixed cost of loading Streamlit and plotly)")
    for size in (10, 500):
        seconds = picture_visible_time(size, args.loads)
        if seconds is None:
            break
        print(f"  {size:4d} stickies: {seconds:.2f} s")
    print_live(live_capture(args.live_participants, args.live_seconds, store_env=store_env),
               args.live_seconds)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"(load average during the run: {load} on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
