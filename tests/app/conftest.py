"""Fixtures for the app's tests: AppTest on a temporary workspace, a real Streamlit server as
a subprocess, and headless Chromium through Playwright.

Reusable by every page's tests:

- ``app_env`` — a fresh ``MLCANVAS_WORKSPACE`` (and examples folder for seeding) for AppTest.
- ``make_app()`` — an ``AppTest`` of ``app.py``; ``open_board(at, workshop)`` opens a page.
- ``server_factory`` — ``start(workspace) -> StreamlitServer`` (``.url``, ``.stop()``,
  ``.kill()``); servers still running are stopped after the test.
- ``browser`` / ``page`` — Chromium (skipped with a reason when ``/usr/bin/chromium`` is
  missing, failing instead under ``CI=true``); ``wait_for_app(page)`` waits for a finished run.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "screenshots"
SAMPLE_STORM = """# Receipt handling
lang: en
## Employee
a: Employee -> c: Submit receipt {volume: 300/day} -> e: Receipt submitted
## Accounting
e: Receipt submitted -> p: When a receipt arrives -> c: Categorize receipt {minutes: 2}
c: Categorize receipt -> e: Receipt categorized
r: Merchant list -> c: Categorize receipt
h: Receipts without merchant name
"""
SUPPORT_STORM = """# Support tickets
lang: en
## Customer
a: Customer -> c: Open ticket {volume: 800/day} -> e: Ticket opened
## Support
e: Ticket opened -> p: Route new tickets -> c: Assign ticket {minutes: 3} -> e: Ticket assigned
r: Ticket history -> c: Assign ticket
h: Tickets land in the wrong queue
"""


# --------------------------------------------------------------------------- AppTest

@pytest.fixture
def examples_dir(tmp_path: Path) -> Path:
    """Examples to seed from: the repository's when it has some, else one temporary board."""
    real = sorted(ROOT.glob("examples/*/board.storm"))
    if real:
        return ROOT / "examples"
    folder = tmp_path / "examples" / "receipt-handling"
    folder.mkdir(parents=True)
    (folder / "board.storm").write_text(SAMPLE_STORM, encoding="utf-8")
    return folder.parent


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, examples_dir: Path) -> Path:
    """A fresh workspace for in-process AppTests; the app seeds it from ``examples_dir``."""
    from canvas.workspace.store import Workspace

    root = tmp_path / "workspace"
    monkeypatch.setenv("MLCANVAS_WORKSPACE", str(root))
    monkeypatch.delenv("MLCANVAS_DATABASE_URL", raising=False)  # the folder, not a database
    monkeypatch.setattr(Workspace.ensure_seeded, "__defaults__", (examples_dir,))
    import streamlit as st
    st.cache_resource.clear()
    st.cache_data.clear()
    return root


@pytest.fixture
def make_app(app_env: Path):
    from streamlit.testing.v1 import AppTest

    def make():
        return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    return make


def open_board(at, workshop: str):
    """Run the Board page of ``workshop`` (the app must have run once)."""
    at.switch_page("ui/board.py")
    at.query_params["workshop"] = workshop
    return at.run()


# --------------------------------------------------------------------------- server

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StreamlitServer:
    workspace: Path
    port: int
    log: Path
    process: subprocess.Popen = field(repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 60) -> None:
        import urllib.request
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"streamlit did not start: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self) -> None:
        """SIGKILL: the server dies at once, as in a crash."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()


#: Runs ``streamlit run`` in-process after pointing first-start seeding at another examples
#: folder (only while the repository has no examples/*/board.storm of its own).
_SEEDING_LAUNCHER = (
    "import sys; from pathlib import Path; import canvas.workspace.store as store; "
    "store.Workspace.ensure_seeded.__defaults__ = (Path(sys.argv.pop(1)),); "
    "from streamlit.web.cli import main; sys.argv[0] = 'streamlit'; main()"
)


def start_server(workspace: Path, port: int | None = None, log_dir: Path | None = None,
                 examples: Path | None = None,
                 database_url: str | None = None,
                 env: dict[str, str] | None = None) -> StreamlitServer:
    """``streamlit run app.py`` from the repository root on a free port, headless.

    ``examples`` seeds a first start from that folder instead of the repository's
    ``examples/`` (for as long as the repository has none). ``database_url`` runs it on
    that PostgreSQL database (``MLCANVAS_DATABASE_URL``) instead of the folder; ``env`` adds
    environment variables (the store the app uses, say).
    """
    port = port or free_port()
    log = (log_dir or workspace.parent) / f"streamlit-{port}.log"
    extra = dict(env or {})
    if database_url:
        extra["MLCANVAS_DATABASE_URL"] = database_url
    env = {**os.environ, "MLCANVAS_WORKSPACE": str(workspace)}
    env.pop("MLCANVAS_DATABASE_URL", None)  # the folder, unless asked for a database
    env.update(extra)
    args = ["run", "app.py", "--server.headless", "true", "--server.port", str(port),
            "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none"]
    if examples is not None and examples.resolve() != (ROOT / "examples").resolve():
        command = [sys.executable, "-c", _SEEDING_LAUNCHER, str(examples), *args]
    else:
        command = [sys.executable, "-m", "streamlit", *args]
    handle = open(log, "ab")  # noqa: SIM115 - kept open for the child's lifetime
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle,
                               stderr=subprocess.STDOUT)
    handle.close()
    server = StreamlitServer(workspace, port, log, process)
    try:
        server.wait_ready()
    except BaseException:
        server.kill()
        raise
    return server


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator:
    started: list[StreamlitServer] = []

    def start(workspace: Path | None = None, port: int | None = None,
              examples: Path | None = None, database_url: str | None = None,
              env: dict[str, str] | None = None) -> StreamlitServer:
        server = start_server(workspace or tmp_path / "workspace", port, tmp_path, examples,
                              database_url, env)
        started.append(server)
        return server
    yield start
    for server in started:
        server.stop()


# --------------------------------------------------------------------------- stores

def folder_store(tmp_path: Path) -> dict[str, str]:
    """The folder store: the app processes share the folder ``MLCANVAS_WORKSPACE`` names
    (``start_server`` sets it), so no further variables."""
    return {}


def postgres_store(request: pytest.FixtureRequest) -> dict[str, str]:
    """A PostgreSQL store: a fresh schema of the test database (the ``database_url`` fixture;
    skipped without a server, except under ``CI=true``)."""
    return {"MLCANVAS_DATABASE_URL": request.getfixturevalue("database_url")}


#: The workspace stores the live-capture tests run against: a name, and a function of the
#: test's request that gives the app processes' extra environment variables.
STORE_BACKENDS = {"folder": lambda request: folder_store(request.getfixturevalue("tmp_path")),
                  "postgres": postgres_store}


@pytest.fixture(params=list(STORE_BACKENDS))
def store_env(request: pytest.FixtureRequest) -> dict[str, str]:
    """Environment variables choosing the store every app process of a test uses."""
    return STORE_BACKENDS[request.param](request)


def store_workspace(env: dict[str, str], root: Path):
    """The workspace the app processes see with ``env`` (to seed and check it from the
    test): the database ``MLCANVAS_DATABASE_URL`` names, else the folder store at ``root``."""
    from canvas.workspace.store import open_workspace

    return open_workspace(env.get("MLCANVAS_DATABASE_URL") or root)


def seed_workspace(workspace: Path, storm: str = SAMPLE_STORM) -> str:
    """A workspace with one workshop made from ``storm``; returns the workshop id."""
    from canvas.workspace.store import Workspace
    from eventstorming import parse_storm

    return Workspace(workspace).create_from_board(parse_storm(storm))


# --------------------------------------------------------------------------- browser

def chromium_or_skip() -> Path:
    if CHROMIUM.exists() and shutil.which(str(CHROMIUM)):
        return CHROMIUM
    reason = f"browser tests need Chromium at {CHROMIUM} (apt-get install -y chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    path = chromium_or_skip()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(path), headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until the app is rendered and its script run has finished."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                           timeout=timeout)
    page.wait_for_timeout(150)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                           timeout=timeout)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
