# ruff: noqa: E501  (one key and its German text a line, however long)
"""German texts of the interface, keyed by the English text they replace (see :mod:`ui.i18n`).

Keep the ``{placeholders}`` of the English key; keep Markdown (``**bold**``, backticks) and
Streamlit colour syntax (``:red[…]``) in place.
"""

GERMAN: dict[str, str] = {
    # ------------------------------------------------------------------ navigation (app.py)
    "Workshops": "Workshops",
    "Board": "Board",
    "Opportunities": "Chancen",
    "Prioritize": "Priorisieren",
    "Canvas": "Canvas",
    "Export": "Export",
    # ------------------------------------------------------------------ common.py
    "You were editing revision {expected}; revision {actual} is saved now. Your change was not saved and nothing was overwritten: reload to see the latest version, then make your change again.":
        "Du hast Revision {expected} bearbeitet; gespeichert ist jetzt Revision {actual}. Deine Änderung wurde nicht gespeichert und nichts wurde überschrieben: lade die neueste Fassung und mach deine Änderung dann noch einmal.",
    # ------------------------------------------------------------------ workshops.py
    "Each workshop is one EventStorming board, saved in the workspace folder `{root}` with its last 20 revisions. Open one to capture stickies; create a new one for the next session, or bring in a board from a file.":
        "Jeder Workshop ist ein EventStorming-Board, gespeichert im Workspace-Ordner `{root}` mit seinen letzten 20 Revisionen. Öffne einen, um Stickies zu erfassen; lege einen neuen für die nächste Sitzung an oder hole ein Board aus einer Datei.",
    "{n} workshops": "{n} Workshops",
    "New workshop": "Neuer Workshop",
    "Workshop title": "Titel des Workshops",
    "Language": "Sprache",
    "Create workshop": "Workshop anlegen",
    "Upload a board": "Board hochladen",
    "`.storm` text, mlcanvas YAML, Excalidraw, Miro (JSON), draw.io or prooph board. It becomes a new workshop; the report says what was recognised.":
        "`.storm`-Text, mlcanvas-YAML, Excalidraw, Miro (JSON), draw.io oder prooph board. Daraus wird ein neuer Workshop; der Bericht sagt, was erkannt wurde.",
    "Board file": "Board-Datei",
    "No workshops yet: create one on the right.": "Noch keine Workshops: lege rechts einen an.",
    "e.g. Travel expenses — as is": "z. B. Reisekosten — Ist-Zustand",
    "The language the board is written in; grammar hints, opportunity detection and this app's labels use it.":
        "Die Sprache, in der das Board geschrieben ist; Grammatikhinweise, die Erkennung von Chancen und die Beschriftung dieser App richten sich danach.",
    "**{title}** — {stickies} stickies, {links} links, {lanes} lanes (read as {format})":
        "**{title}** — {stickies} Stickies, {links} Pfeile, {lanes} Bahnen (gelesen als {format})",
    "Add as workshop": "Als Workshop hinzufügen",
    "Manage": "Verwalten",
    "New title": "Neuer Titel",
    "Rename": "Umbenennen",
    "Duplicate": "Duplizieren",
    "Download zip": "ZIP herunterladen",
    "Delete…": "Löschen…",
    "Delete “{title}”? It moves to the workspace's `.trash` folder and disappears from this list.":
        "„{title}“ löschen? Der Workshop wandert in den Ordner `.trash` des Workspace und verschwindet aus dieser Liste.",
    "Delete for good": "Endgültig löschen",
    "Cancel": "Abbrechen",
    "Cannot import this file: {error}": "Diese Datei lässt sich nicht importieren: {error}",
    "Open “{title}” on the Board page": "„{title}“ auf der Board-Seite öffnen",
    "{stickies} stickies · {language} · revision {revision} · saved {when} UTC":
        "{stickies} Stickies · {language} · Revision {revision} · gespeichert {when} UTC",
    "Duplicated as “{title}”.": "Dupliziert als „{title}“.",
    "Deleted “{title}”.": "„{title}“ gelöscht.",
    " · open in this tab": " · in diesem Tab geöffnet",
    "Renamed.": "Umbenannt.",
    "Cannot add this board as a workshop: {error}": "Dieses Board lässt sich nicht als Workshop hinzufügen: {error}",
}
