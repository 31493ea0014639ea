"""The app speaks the workshop's language: every page of a German workshop reads German
(navigation aside, which the browser test checks), every page of an English one English, and
no string wrapped in ``t()`` lacks its German text."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from canvas.priorities.scoring import CRITERIA, QUADRANT_LABELS_DE
from canvas.services.board import EXPORT_FILES
from canvas.workspace.decisions import load_decisions, save_decisions
from canvas.workspace.store import Workspace
from eventstorming.detection import detect
from eventstorming.formats.storm import parse_storm
from tests.app.conftest import ROOT, SAMPLE_STORM
from ui.charts import QUADRANT_TEXT
from ui.i18n_de import GERMAN
from ui.picture import KIND_LABELS

KREDIT = """# Kreditvergabe
lang: de
domain: banking

## Antrag
e: Kreditantrag eingegangen {volume: 200/day} -> a: Kreditprüfer
r: Schufa-Auskunft und Kontoumsätze -> a: Kreditprüfer
a: Kreditprüfer -> c: Bonität des Antragstellers bewerten {minutes: 20} -> e: Kredit bewilligt
c: Bonität des Antragstellers bewerten -> e: Kredit abgelehnt
h: Schufa-Auskunft fehlt oft
"""

PAGES = ("ui/workshops.py", "ui/board.py", "ui/opportunities.py", "ui/prioritize.py",
         "ui/canvas_page.py", "ui/export.py")

#: Per page: labels a German workshop shows, and their English originals an English one shows.
LABELS = {
    "ui/workshops.py": [("Neuer Workshop", "New workshop"), ("Workshop anlegen", "Create workshop"),
                        ("Board hochladen", "Upload a board"), ("Verwalten", "Manage")],
    "ui/board.py": [("Schnellerfassung", "Quick capture"), ("Zurück", "Undo"),
                    ("Herunterladen", "Download"), ("Bahn", "Lane"),
                    ("Gespeichert · Revision", "Saved · revision"), ("Ereignis", "Event"),
                    ("Stickies · ", "stickies · ")],
    "ui/opportunities.py": [("Chancen", "Opportunities"), ("Zurück", "Undo"),
                            ("Verwerfen", "Dismiss"), ("Dein Name", "Your name"),
                            ("Wer entscheidet heute", "Who decides today"),
                            ("Eine Chance von Hand hinzufügen", "Add an opportunity by hand")],
    "ui/prioritize.py": [("Priorisieren", "Prioritize"), ("Gewichte", "Weights"),
                         ("Rangfolge", "Ranking"), ("Geschäftswert", "Business value"),
                         ("Machbarkeit", "Feasibility"), ("CSV herunterladen", "Download CSV"),
                         ("Werte und Begründungen", "Scores and reasons")],
    "ui/canvas_page.py": [("Die zehn Felder", "The ten boxes"),
                          ("Neu vorausfüllen", "Prefill again"),
                          ("HTML-Poster", "HTML poster"), ("Zielspalte", "Target column"),
                          ("Menschliche Prüfung", "Human review")],
    "ui/export.py": [("Spec herunterladen", "Download spec"), ("Datenspalten", "Data columns"),
                     ("Projekt herunterladen", "Download scaffold"),
                     ("Erzeugtes Projekt", "Generated project")],
}

#: English texts a page passes to ``t()`` as values, not literals (the ast check cannot see
#: them): each needs its German text too.
DYNAMIC = [
    *KIND_LABELS.values(), *QUADRANT_TEXT.values(), *(c.label for c in CRITERIA),
    *(c.question for c in CRITERIA), *(label for label, _, _ in EXPORT_FILES.values()),
    *QUADRANT_LABELS_DE, "Picture", "Text", "Table", "(no lane)", "Not saved yet",
    "Saved · revision", "decisions", "priorities", "canvases", "specs", "Data", "Label",
    "Technical", "Risk", "Tolerance", "low", "medium", "high", "batch", "realtime",
    "Opportunity sticky", "Read model", "Accepted", "Dismissed",
]


# --------------------------------------------------------------------------- the catalog

def t_literals() -> list[tuple[str, str]]:
    """Every literal first argument of a ``t(…)`` call in ``ui/`` and ``app.py``, with where."""
    found = []
    for path in [*sorted((ROOT / "ui").glob("*.py")), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "t" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                found.append((f"{path.name}:{node.lineno}", node.args[0].value))
    return found


def test_the_pages_wrap_their_strings():
    """The scan finds the wrapped strings at all (a broken scan would pass everything)."""
    files = {where.split(":")[0] for where, _ in t_literals()}
    assert {Path(p).name for p in PAGES} | {"app.py", "flow.py", "charts.py"} <= files
    assert len(t_literals()) > 250


def test_every_wrapped_string_has_german_text():
    missing = [f"{where}: {text!r}" for where, text in t_literals() if text not in GERMAN]
    assert not missing, "add these to ui/i18n_de.py:\n" + "\n".join(missing)


@pytest.mark.parametrize("text", DYNAMIC)
def test_texts_passed_as_values_have_german_text(text):
    assert text in GERMAN


def fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@pytest.mark.parametrize("english", sorted(GERMAN))
def test_german_text_has_the_placeholders_of_the_english(english):
    assert fields(GERMAN[english]) == fields(english)


def test_a_missing_placeholder_is_caught():
    assert fields("{n} workshops") != fields("Workshops")


def test_german_text_is_not_left_english():
    """Catch entries copied but not translated: long texts must differ (names like "YAML"
    or "Hotspot" may stay)."""
    syntax = {"volume: 40/day, minutes: 3"}      # attribute names the parser reads
    same = [e for e, g in GERMAN.items() if e == g and len(e.split()) > 3 and e not in syntax]
    assert not same


# --------------------------------------------------------------------------- the pages

def page_text(at) -> str:
    """Everything the page sends to the browser: labels, help, placeholders, captions,
    chart legends (the element protos as text)."""
    parts = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)
    walk(at._tree)
    # a page's scripts (st.html) are code, not text anyone reads
    return re.sub(r"<script>.*?</script>", "", "\n".join(parts), flags=re.DOTALL)


@pytest.fixture
def workshops(make_app, app_env):
    """A German and an English workshop, each with its first opportunity accepted."""
    at = make_app().run()
    ws = Workspace(app_env)
    ids = {}
    for lang, text in (("de", KREDIT), ("en", SAMPLE_STORM)):
        board = parse_storm(text)
        workshop = ws.create_from_board(board)
        decisions, revision = load_decisions(ws, workshop)
        first = detect(board).opportunities[0].id
        save_decisions(ws, workshop, decisions.accept(first, "Ana"), revision, "Ana")
        ids[lang] = workshop
    return at, ids


def open_page(at, page: str, workshop: str):
    at.switch_page(page)
    at.query_params["workshop"] = workshop
    at.run()
    assert not at.exception, at.exception
    return page_text(at)


#: English interface texts that must not show on a German page (a key label of each page
#: and words of the shared parts), unless German says the same ("Ranking" is an ML task).
LEFTOVERS = sorted(({english for pairs in LABELS.values() for _, english in pairs}
                    | {"Reload the latest version", "Choose a workshop", "Grammar hints",
                       "Show more", "confidence", "Who decides today"})
                   - set(GERMAN.values()))


@pytest.mark.parametrize("page", PAGES)
def test_a_german_workshop_reads_german(workshops, page):
    at, ids = workshops
    text = open_page(at, page, ids["de"])
    for german, _ in LABELS[page]:
        assert german in text, f"{page}: {german!r} missing"
    leftovers = [e for e in LEFTOVERS      # a whole word: "HTML-Download" is German
                 if re.search(rf"(?<![\w-]){re.escape(e)}(?![\w-])", text)]
    assert not leftovers, f"{page} still shows English: {leftovers}"


@pytest.mark.parametrize("page", PAGES)
def test_an_english_workshop_reads_english(workshops, page):
    at, ids = workshops
    text = open_page(at, page, ids["en"])
    for _, english in LABELS[page]:
        assert english in text, f"{page}: {english!r} missing"
    assert "Rückgängig" not in text and "Herunterladen" not in text and "Chance" not in text


def test_the_language_follows_the_open_workshop(workshops):
    """Switching workshops in one tab switches the language both ways."""
    at, ids = workshops
    assert "Schnellerfassung" in open_page(at, "ui/board.py", ids["de"])
    english = open_page(at, "ui/board.py", ids["en"])
    assert "Quick capture" in english and "Schnellerfassung" not in english
    assert "Schnellerfassung" in open_page(at, "ui/board.py", ids["de"])


def test_a_german_grammar_hint_and_kind_show_on_the_board(workshops):
    """Domain texts the board shows come in the board's language too."""
    at, ids = workshops
    text = open_page(at, "ui/board.py", ids["de"])
    assert "Grammatikhinweise" in text or "Grammatikhinweis" in text
    assert "Lesemodell" in text and "Akteur" in text
