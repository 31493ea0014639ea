"""The team deployment (Dockerfile + compose.yaml) cannot rot silently: Docker is not
available to build it here, so its wiring is checked as data, against the README and the
code that reads it."""

from __future__ import annotations

import json
import re
import shlex
from urllib.parse import urlsplit

import yaml

from tests.conftest import ROOT


def _compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def _dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (KEYWORD, argument), continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines()]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines
            if line and not line.startswith("#")]


def test_compose_runs_the_app_on_a_healthy_postgres_with_a_volume():
    compose = _compose()
    db, app = compose["services"]["db"], compose["services"]["app"]
    assert db["image"] == "postgres:16"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume, mount = db["volumes"][0].split(":", 1)
    assert volume in compose["volumes"] and mount == "/var/lib/postgresql/data"

    assert app["build"] == "."
    assert app["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert "8501:8501" in app["ports"]
    assert "/_stcore/health" in " ".join(app["healthcheck"]["test"])
    assert "8501" in " ".join(app["healthcheck"]["test"])

    # the app's URL names the db service with the credentials and database it creates
    url = urlsplit(app["environment"]["MLCANVAS_DATABASE_URL"])
    env = db["environment"]
    assert url.scheme == "postgresql" and url.hostname == "db" and url.port == 5432
    assert (url.username, url.password, url.path.lstrip("/")) == (
        env["POSTGRES_USER"], env["POSTGRES_PASSWORD"], env["POSTGRES_DB"])
    assert f"-U {env['POSTGRES_USER']}" in " ".join(db["healthcheck"]["test"])


def test_the_compose_database_url_opens_the_postgres_store():
    from canvas.workspace.postgres import PostgresStore
    from canvas.workspace.store import open_workspace

    url = _compose()["services"]["app"]["environment"]["MLCANVAS_DATABASE_URL"]
    store = open_workspace(url)  # opening does not connect
    assert isinstance(store, PostgresStore)
    assert store.location == "postgresql://mlcanvas@db:5432/mlcanvas"


def test_the_dockerfile_installs_the_package_and_runs_the_readme_command():
    instructions = _dockerfile()
    assert instructions[0] == ("FROM", "python:3.12-slim")
    runs = " ".join(arg for keyword, arg in instructions if keyword == "RUN")
    assert "pip install ." in runs
    cmd = json.loads(next(arg for keyword, arg in instructions if keyword == "CMD"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert shlex.join(cmd) in readme
    assert cmd[:3] == ["streamlit", "run", "app.py"]
    assert "--server.address 0.0.0.0" in shlex.join(cmd)
    assert "EXPOSE 8501" in [f"{k} {a}" for k, a in instructions]
    health = next(arg for keyword, arg in instructions if keyword == "HEALTHCHECK")
    assert "/_stcore/health" in health and "8501" in health
    assert "docker compose up" in readme and "MLCANVAS_DATABASE_URL" in readme


def test_the_image_gets_what_the_app_needs():
    ignored = {line.strip().rstrip("/") for line in
               (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()}
    for needed in ("app.py", "ui", "canvas", "eventstorming", "examples", "pyproject.toml",
                   "README.md"):
        assert needed not in ignored and (ROOT / needed).exists(), needed
