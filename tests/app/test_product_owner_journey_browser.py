"""Playwright in headless Chromium: a product owner's journey from the board to a running
project. Open the travel expense example, accept two opportunities, change a weight, open
the canvas, export; the downloaded spec passes ``mlcanvas validate`` and the downloaded
scaffold, unzipped, runs its pipeline and its tests. Screenshots of every page go to
``screenshots/`` (ignored by git)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from canvas.mlcanvas.form import load_canvas_doc
from canvas.priorities.scoring import load_settings
from canvas.workspace.decisions import load_decisions
from canvas.workspace.store import Workspace
from tests.app.conftest import ROOT, screenshot, wait_for_app

pytestmark = pytest.mark.slow
WS = "travel_expenses"
FIRST = "opp-c-assign-expense-category"
SECOND = "opp-c-transcribe-receipt-details"


def go(page, server, path: str) -> None:
    page.goto(f"{server.url}/{path}")
    wait_for_app(page)


def shot(page, name: str) -> Path:
    """A screenshot of the whole page: Streamlit scrolls inside its main block, so the
    window is made as tall as the content first."""
    height = page.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    page.set_viewport_size({"width": 1600, "height": max(1000, min(int(height) + 40, 4200))})
    page.wait_for_timeout(600)
    path = screenshot(page, name)
    page.set_viewport_size({"width": 1600, "height": 1000})
    return path


def click(page, key: str) -> None:
    page.locator(f".st-key-{key} button").first.click()
    wait_for_app(page)


def test_board_to_running_project(server_factory, page, tmp_path: Path) -> None:
    if not (ROOT / "examples" / "travel_expenses" / "board.storm").exists():
        pytest.skip("the travel expense example is not in this checkout")
    server = server_factory()
    workspace = Workspace(server.workspace)

    # Opportunities: cards best first; accept two
    go(page, server, f"opportunities?workshop={WS}")
    page.get_by_text("Assign expense category").first.wait_for()
    shot(page, "p2-1-opportunities")
    click(page, f"accept_{FIRST}")
    click(page, f"accept_{SECOND}")
    decisions, _ = load_decisions(workspace, WS)
    assert decisions.status(FIRST) == decisions.status(SECOND) == "accepted"
    page.locator(f".st-key-undo_{SECOND}").wait_for()
    page.get_by_text("Where they are on the board").first.click()
    page.locator("[data-testid='stPlotlyChart'] g.textpoint text").first.wait_for()
    page.wait_for_timeout(500)
    shot(page, "p2-2-opportunities-accepted")

    # Prioritize: the chart and the ranking; change a weight with the keyboard
    go(page, server, f"prioritize?workshop={WS}")
    page.locator("[data-testid='stPlotlyChart'] g.textpoint text").first.wait_for()
    slider = page.locator("[class*='st-key-weight_value_'] input[type='range']").first
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_timeout(400)
    wait_for_app(page)
    settings, revision = load_settings(workspace, WS)
    assert settings.weights["value"] == 1.5 and revision >= 1
    page.wait_for_timeout(500)
    shot(page, "p2-3-prioritize")

    # Canvas of the second opportunity: the form and the poster preview
    go(page, server, f"canvas?workshop={WS}&opportunity={SECOND}")
    page.get_by_text("Poster preview").wait_for()
    page.wait_for_timeout(800)
    shot(page, "p2-4-canvas")
    decisions = page.locator(f".st-key-cv_{SECOND}_0_decisions textarea")
    decisions.fill("Suggest the receipt fields; the clerk confirms or corrects them.")
    impact = page.locator(f".st-key-cv_{SECOND}_0_impact_simulation textarea")
    impact.click()                        # leaving the box saves it
    page.wait_for_timeout(400)
    wait_for_app(page)
    canvases, _ = load_canvas_doc(workspace, WS)
    assert canvases[SECOND].box("decisions")[0].text.startswith("Suggest the receipt")
    assert impact.evaluate("el => el === document.activeElement"), \
        "the next box keeps focus while the previous one saves"
    page.get_by_role("tab", name="Prediction details & features").click()
    page.wait_for_timeout(500)
    shot(page, "p2-4b-canvas-details")

    # Export: the valid spec, its project tree, both downloads
    go(page, server, f"export?workshop={WS}&opportunity={SECOND}")
    page.get_by_text("Valid spec").wait_for()
    shot(page, "p2-5-export")
    page.get_by_role("tab", name="Generated project").click()
    page.wait_for_timeout(300)
    shot(page, "p2-5b-export-project")
    with page.expect_download() as spec_download:
        page.get_by_role("button", name="Download spec").click()
    spec_path = tmp_path / "spec.yaml"
    spec_download.value.save_as(spec_path)
    with page.expect_download(timeout=60_000) as zip_download:
        page.get_by_role("button", name="Download scaffold").click()
    zip_path = tmp_path / "project.zip"
    zip_download.value.save_as(zip_path)

    validate = subprocess.run([sys.executable, "-m", "canvas", "validate", str(spec_path)],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert validate.returncode == 0, validate.stdout + validate.stderr

    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "unzipped")
    top = {name.split("/")[0] for name in names}
    assert len(top) == 1, top
    project = tmp_path / "unzipped" / top.pop()
    assert (project / "Makefile").exists() and (project / "params.yaml").exists()
    commands = [["make", "pipeline", f"PYTHON={sys.executable}"]] if shutil.which("make") \
        else [[sys.executable, "-m", _package(project), step]
              for step in ("prepare", "train", "evaluate")]
    for command in commands:
        done = subprocess.run(command, cwd=project, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                           cwd=project, capture_output=True, text=True, timeout=300)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-3000:]


def _package(project: Path) -> str:
    import json

    return json.loads((project / ".mlcanvas" / "manifest.json").read_text())["package"]
