# ruff: noqa: E501  (one key and its German text a line, however long)
"""German texts of the interface, keyed by the English text they replace (see :mod:`ui.i18n`).

Keep the ``{placeholders}`` of the English key; keep Markdown (``**bold**``, backticks) and
Streamlit colour syntax (``:red[…]``) in place.
"""

from canvas.mlcanvas.model import TASK_WORDS
from canvas.priorities.scoring import QUADRANT_LABELS_DE

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
    # ------------------------------------------------------------------ board.py
    "Type one line, press **Enter**: `e: Receipt submitted` · a chain with `->` · attributes `{minutes: 3}` · `## Approval` starts a lane":
        "Eine Zeile tippen, **Enter** drücken: `e: Beleg eingereicht` · eine Kette mit `->` · Attribute `{minutes: 3}` · `## Freigabe` beginnt eine Bahn",
    "One line of `.storm` text: a sticky `kind: text`, or a chain `a: Accountant -> c: Categorize receipt -> e: Receipt categorized`. Kinds: e = event, c = command, a = actor, p = policy, r = read model, s = system, g = aggregate, h = hotspot, o = opportunity, n = note. Attributes in braces: `{volume: 40/day, minutes: 3}`; tags: `#tag`. `## Lane name` starts a lane.":
        "Eine Zeile `.storm`-Text: ein Sticky `art: Text` oder eine Kette `a: Buchhalterin -> c: Beleg kontieren -> e: Beleg kontiert`. Arten: e = Ereignis, c = Befehl, a = Akteur, p = Policy, r = Lesemodell, s = System, g = Aggregat, h = Hotspot, o = Chance, n = Notiz. Attribute in geschweiften Klammern: `{volume: 40/day, minutes: 3}`; Tags: `#tag`. `## Name der Bahn` beginnt eine Bahn.",
    "Picture": "Bild",
    "Text": "Text",
    "Table": "Tabelle",
    "(no lane)": "(keine Bahn)",
    "Lane": "Bahn",
    "Choose a workshop to open its board.": "Wähle einen Workshop, um sein Board zu öffnen.",
    "Workshop": "Workshop",
    "All workshops": "Alle Workshops",
    "Added {names}.": "Hinzugefügt: {names}.",
    "Lane “{lane}” — new stickies go there.": "Bahn „{lane}“ — neue Stickies kommen dorthin.",
    "Already on the board; links and attributes merged.": "Schon auf dem Board; Pfeile und Attribute zusammengeführt.",
    "Undone.": "Rückgängig gemacht.",
    "Undo": "Zurück",     # "Rückgängig" does not fit the button
    "Board text applied and saved.": "Board-Text übernommen und gespeichert.",
    "Sticky saved.": "Sticky gespeichert.",
    "Deleted “{text}” (Undo brings it back).": "„{text}“ gelöscht (Zurück holt es wieder).",
    "{n} {kind}": "{kind}: {n}",
    "{stickies} stickies · {links} links · {lanes} lanes": "{stickies} Stickies · {links} Pfeile · {lanes} Bahnen",
    "Not saved yet": "Noch nicht gespeichert",
    "Saved · revision": "Gespeichert · Revision",
    "Go back one change (the last 20 are kept)": "Eine Änderung zurück (die letzten 20 bleiben erhalten)",
    "Download": "Herunterladen",
    ".storm text": ".storm-Text",
    "YAML": "YAML",
    "Mermaid diagram": "Mermaid-Diagramm",
    "Excalidraw drawing": "Excalidraw-Zeichnung",
    "draw.io diagram": "draw.io-Diagramm",
    "**Not saved — this workshop was changed in another tab.** {message}":
        "**Nicht gespeichert — dieser Workshop wurde in einem anderen Tab geändert.** {message}",
    "Reload the latest version": "Neueste Fassung laden",
    "Another tab saved revision {newer}; you are looking at revision {revision}. Reload before you change anything.":
        "Ein anderer Tab hat Revision {newer} gespeichert; du siehst Revision {revision}. Lade neu, bevor du etwas änderst.",
    "New stickies go to this lane.": "Neue Stickies kommen in diese Bahn.",
    "Quick capture": "Schnellerfassung",
    "a: Accountant -> c: Categorize receipt -> e: Receipt categorized": "a: Buchhalterin -> c: Beleg kontieren -> e: Beleg kontiert",
    "Add": "Hinzufügen",
    "The board is empty. Type the first sticky into **Quick capture**, for example `e: Order placed`, and press Enter.":
        "Das Board ist leer. Tippe das erste Sticky in die **Schnellerfassung**, zum Beispiel `e: Bestellung aufgegeben`, und drücke Enter.",
    "Showing {shown} of {columns} timeline columns. Drag to pan, scroll to zoom, the autoscale button (top right of the picture) shows the whole board, double-click returns to the start. Click a sticky to edit it.":
        "Zu sehen sind {shown} von {columns} Spalten der Zeitleiste. Ziehen verschiebt, Scrollen zoomt, die Autoskalieren-Schaltfläche (oben rechts im Bild) zeigt das ganze Board, ein Doppelklick führt zum Anfang zurück. Klicke ein Sticky an, um es zu bearbeiten.",
    "Sticky": "Sticky",
    "Click one on the picture, or type to find it": "Im Bild anklicken oder zum Suchen tippen",
    "Kind": "Art",
    "Attributes": "Attribute",
    "volume: 40/day, minutes: 3": "volume: 40/day, minutes: 3",
    "Arrows to": "Pfeile zu",
    "Arrows from": "Pfeile von",
    "Save sticky": "Sticky speichern",
    "Delete sticky": "Sticky löschen",
    "Grammar hints — click a sticky with an orange **!** to see its own.":
        "Grammatikhinweise — klicke ein Sticky mit einem orangen **!** an, um seine eigenen zu sehen.",
    "Grammar hints ({n})": "Grammatikhinweise ({n})",
    "The whole board as `.storm` text. Nothing changes until it parses; errors name their line. Stickies keep their identity when only their lane or order moves.":
        "Das ganze Board als `.storm`-Text. Nichts ändert sich, bevor er sich lesen lässt; Fehler nennen ihre Zeile. Stickies bleiben dieselben, wenn sich nur ihre Bahn oder Reihenfolge ändert.",
    "Board text": "Board-Text",
    "Apply text": "Text übernehmen",
    "Edit cells, add rows at the bottom, select rows and press Delete to remove stickies. Each valid change is saved at once; attributes are written `key: value, key: value`.":
        "Zellen bearbeiten, unten Zeilen anfügen, Zeilen auswählen und Entf drücken, um Stickies zu entfernen. Jede gültige Änderung wird sofort gespeichert; Attribute schreibt man `schlüssel: wert, schlüssel: wert`.",
    "Not saved yet — {error}": "Noch nicht gespeichert — {error}",
    # ------------------------------------------------------------------ picture.py: sticky kinds
    "Event": "Ereignis",
    "Command": "Befehl",
    "Actor": "Akteur",
    "Policy": "Policy",
    "Read model": "Lesemodell",
    "System": "System",
    "Aggregate": "Aggregat",
    "Hotspot": "Hotspot",
    "Opportunity": "Chance",
    "Note": "Notiz",
    # ------------------------------------------------------------------ picture.py, charts.py
    "Grammar hint": "Grammatikhinweis",
    "grammar hint": "Grammatikhinweis",
    "ML opportunity": "ML-Chance",
    "opportunity": "Chance",
    "Quick wins": "Schnelle Erfolge",
    "Strategic bets": "Strategische Wetten",
    "Fill-ins": "Lückenfüller",
    "Avoid for now": "Vorerst meiden",
    "{volume}/day": "{volume}/Tag",
    "unknown": "unbekannt",
    "<b>%{customdata[0]}</b><br>value %{y:.1f} · feasibility %{x:.2f}<br>%{customdata[1]}: %{customdata[3]}<br>volume %{customdata[2]}<extra></extra>":
        "<b>%{customdata[0]}</b><br>Wert %{y:.1f} · Machbarkeit %{x:.2f}<br>%{customdata[1]}: %{customdata[3]}<br>Volumen %{customdata[2]}<extra></extra>",
    "Task": "Aufgabe",
    "Feasibility →  (data, labels, tolerance, complexity, risk)": "Machbarkeit →  (Daten, Labels, Toleranz, Komplexität, Risiko)",
    "Business value →": "Geschäftswert →",
    # ------------------------------------------------------------------ opportunities.py
    "Opportunity sticky": "Chancen-Sticky",
    "ML opportunities": "ML-Chancen",
    "Accepted": "Angenommen",
    "Dismissed": "Verworfen",
    "Automation, not ML": "Automatisierung, kein ML",
    "Back to review": "Zurück zur Prüfung",
    "Back to what detection found.": "Zurück zu dem, was die Erkennung gefunden hat.",
    " and {n} more": " und {n} weitere",
    "not on the board": "nicht auf dem Board",
    "**{title}** — where a prediction could replace or support a human judgment, best first, each with the evidence on the board behind it. Accept the ones worth ranking; dismiss the rest (you can restore them).":
        "**{title}** — wo eine Vorhersage ein menschliches Urteil ersetzen oder unterstützen könnte, die besten zuerst, jede mit den Belegen vom Board. Nimm die an, die eine Rangfolge wert sind; verwirf den Rest (du kannst sie wiederherstellen).",
    "Where they are on the board — anchors outlined in green": "Wo sie auf dem Board liegen — Anker grün umrandet",
    "Green outlines: the anchor stickies of the opportunities, numbered like their cards. Scroll to zoom, drag to pan.":
        "Grüne Umrandung: die Anker-Stickies der Chancen, nummeriert wie ihre Karten. Scrollen zoomt, Ziehen verschiebt.",
    "Saved “{title}” and accepted it.": "„{title}“ gespeichert und angenommen.",
    "Saved “{title}”.": "„{title}“ gespeichert.",
    "Promoted and accepted: “{title}”.": "Übernommen und angenommen: „{title}“.",
    "The board has no commands or policies to anchor an opportunity on yet.":
        "Das Board hat noch keine Befehle oder Policies, an denen eine Chance verankert werden kann.",
    "Title": "Titel",
    "ML task": "ML-Aufgabe",
    "Anchor sticky": "Anker-Sticky",
    "Who decides today": "Wer entscheidet heute",
    "High stakes (a decision about people: credit, hiring, health, insurance)":
        "Hohe Tragweite (eine Entscheidung über Menschen: Kredit, Einstellung, Gesundheit, Versicherung)",
    "e.g. Suggest the cost centre": "z. B. Kostenstelle vorschlagen",
    "read off the board when empty": "leer: wird vom Board abgelesen",
    "Save opportunity": "Chance speichern",
    "Add and accept": "Hinzufügen und annehmen",
    "{n} a day": "{n} am Tag",
    "{n} a year": "{n} im Jahr",
    "{n} min each": "je {n} Min.",
    "**Anchor** · {kind} {anchor}  \n**Who decides today** · {actor}  \n**Volume** · {volume}":
        "**Anker** · {kind} {anchor}  \n**Wer entscheidet heute** · {actor}  \n**Volumen** · {volume}",
    "**Inputs** · {inputs}  \n**Outcomes** · {outcomes}  \n**Hotspots** · {hotspots}":
        "**Eingaben** · {inputs}  \n**Ergebnisse** · {outcomes}  \n**Hotspots** · {hotspots}",
    "no person (automatic)": "keine Person (automatisch)",
    "{status} by {author}, {when} UTC": "{status} von {author}, {when} UTC",
    "No ML opportunities to review. Add one by hand on the right, or restore a dismissed one below.":
        "Keine ML-Chancen zu prüfen. Füge rechts eine von Hand hinzu oder stelle unten eine verworfene wieder her.",
    "Show {n} more (of {left} left)": "{n} weitere zeigen (von {left} übrigen)",
    "Dismissed ({n})": "Verworfen ({n})",
    "… and {n} more.": "… und {n} weitere.",
    "Prioritize the {n} accepted": "Die {n} angenommenen priorisieren",
    "**Worth a look** ({n})": "**Einen Blick wert** ({n})",
    "Near misses: some signs of a judgment, not enough to be sure. Promote one the team recognises; it joins the list, accepted.":
        "Knapp daneben: einige Anzeichen für ein Urteil, aber nicht genug, um sicher zu sein. Übernimm eine, die das Team wiedererkennt; sie kommt angenommen in die Liste.",
    "**Signs**  \n{signs}  \n**Missing**  \n{missing}": "**Anzeichen**  \n{signs}  \n**Es fehlt**  \n{missing}",
    "Promote": "Übernehmen",
    "**Add an opportunity by hand**": "**Eine Chance von Hand hinzufügen**",
    "Something the team sees that detection missed. Inputs, outcomes and volume are read off the board around its anchor.":
        "Etwas, das das Team sieht und die Erkennung übersehen hat. Eingaben, Ergebnisse und Volumen werden rund um den Anker vom Board abgelesen.",
    "**Worth automating, but not ML** ({n})": "**Automatisieren lohnt, aber kein ML** ({n})",
    "None found.": "Keine gefunden.",
    "optimisation": "Optimierung",
    "plain rules": "einfache Regeln",
    ":red-badge[:material/warning: high stakes]": ":red-badge[:material/warning: hohe Tragweite]",
    ":green-badge[:material/check: accepted]": ":green-badge[:material/check: angenommen]",
    ":gray-badge[dismissed]": ":gray-badge[verworfen]",
    ":gray-badge[added by hand]": ":gray-badge[von Hand hinzugefügt]",
    ":gray-badge[edited by hand]": ":gray-badge[von Hand bearbeitet]",
    " &nbsp; confidence **{score}**": " &nbsp; Konfidenz **{score}**",
    "Accept": "Annehmen",
    "Restore": "Wiederherstellen",
    "Dismiss": "Verwerfen",
    "Edit by hand": "Von Hand bearbeiten",
    "**Edit by hand**": "**Von Hand bearbeiten**",
    "Back to the detected version": "Zurück zur erkannten Fassung",
    "**Why** (evidence from the board)": "**Warum** (Belege vom Board)",
    # ------------------------------------------------------------------ flow.py
    "Choose a workshop first.": "Wähle zuerst einen Workshop.",
    "Your name": "Dein Name",
    "Recorded with every decision you make on these pages (accept, dismiss, scores, weights, canvas, spec).":
        "Wird mit jeder Entscheidung auf diesen Seiten festgehalten (annehmen, verwerfen, Punkte, Gewichte, Canvas, Spec).",
    "Go to Opportunities": "Zu den Chancen",
    "The saved {name} of this workshop cannot be read: {error}": "Die gespeicherten {name} dieses Workshops lassen sich nicht lesen: {error}",
    "decisions": "Entscheidungen",
    "priorities": "Prioritäten",
    "canvases": "Canvases",
    "specs": "Specs",
    # ------------------------------------------------------------------ prioritize.py
    "Weights back to equal.": "Gewichte wieder gleich.",
    "**{title}** — the accepted opportunities scored 1–5 on six criteria. Each suggested score comes with its reason from the board; change a score where you know better (your name is recorded), and weigh the criteria. The ranking follows at once.":
        "**{title}** — die angenommenen Chancen, bewertet von 1 bis 5 nach sechs Kriterien. Jeder vorgeschlagene Wert kommt mit seiner Begründung vom Board; ändere einen Wert, wo du es besser weißt (dein Name wird festgehalten), und gewichte die Kriterien. Die Rangfolge folgt sofort.",
    "No accepted opportunities yet: accept the ones worth ranking on the Opportunities page.":
        "Noch keine angenommenen Chancen: nimm auf der Seite Chancen die an, die eine Rangfolge wert sind.",
    "**Weights**": "**Gewichte**",
    "How much each criterion counts (0 leaves it out). Complexity and risk count against an opportunity.":
        "Wie viel jedes Kriterium zählt (0 lässt es weg). Komplexität und Risiko zählen gegen eine Chance.",
    "Business value": "Geschäftswert",
    "Data availability": "Verfügbare Daten",
    "Label availability": "Verfügbare Labels",
    "Tolerance for wrong predictions": "Toleranz für falsche Vorhersagen",
    "Technical complexity": "Technische Komplexität",
    "Risk": "Risiko",
    "How much is a good prediction worth (volume × minutes saved, pain)?": "Was ist eine gute Vorhersage wert (Volumen × gesparte Minuten, Schmerz)?",
    "Do read models and systems feed the decision today?": "Speisen Lesemodelle und Systeme die Entscheidung heute?",
    "Do outcome events record the truth a model can learn from?": "Halten Ergebnis-Ereignisse die Wahrheit fest, aus der ein Modell lernen kann?",
    "How well can the process live with a wrong prediction?": "Wie gut kann der Prozess mit einer falschen Vorhersage leben?",
    "How hard is the prediction to build? (5: very hard)": "Wie schwer ist die Vorhersage zu bauen? (5: sehr schwer)",
    "High-stakes decisions about people, regulation? (5: very risky)": "Entscheidungen mit hoher Tragweite über Menschen, Regulierung? (5: sehr riskant)",
    "Data": "Daten",
    "Label": "Labels",
    "Tolerance": "Toleranz",
    "Technical": "Komplexität",
    "Equal weights": "Gleiche Gewichte",
    "**Value against feasibility** — bubble size: volume; colour: ML task; numbers: rank":
        "**Wert gegen Machbarkeit** — Blasengröße: Volumen; Farbe: ML-Aufgabe; Zahlen: Rang",
    ":red[**Red ring**]: a high-stakes decision about people (risk 5). It is never a quick win, wherever data and labels put it: it needs human review and a fairness check first, so it counts as a strategic bet.":
        ":red[**Roter Ring**]: eine Entscheidung mit hoher Tragweite über Menschen (Risiko 5). Sie ist nie ein schneller Erfolg, wo auch immer Daten und Labels sie hinstellen: sie braucht zuerst menschliche Prüfung und eine Fairness-Prüfung, also zählt sie als strategische Wette.",
    "Ranking": "Rangfolge",
    "Score": "Punkte",
    "Value": "Wert",
    "Feasibility": "Machbarkeit",
    "Quadrant": "Quadrant",
    "⚠: high stakes kept it from being easy": "⚠: die hohe Tragweite hat verhindert, dass sie als leicht gilt",
    "Why this quadrant": "Warum dieser Quadrant",
    "Hours saved/yr (at {share})": "Std./J. gespart ({share})",
    "Rough estimate: {assumptions} — volume × minutes × {days} ÷ 60 × {share}. The value reason counts all of today's hours; this column counts the part a prediction saves.":
        "Grobe Schätzung: {assumptions} — Volumen × Minuten × {days} ÷ 60 × {share}. Die Begründung des Werts zählt alle heutigen Stunden; diese Spalte zählt den Teil, den eine Vorhersage spart.",
    "Changed": "Geändert",
    "Scores changed by a person": "Von einer Person geänderte Werte",
    "**ROI assumptions:** {assumptions}. The value reason counts all of today's hours of work; *Hours saved/yr* counts the {share} of them a prediction would save, because a person still looks at most suggestions.":
        "**ROI-Annahmen:** {assumptions}. Die Begründung des Werts zählt alle heutigen Arbeitsstunden; *Std./J. gespart* zählt die {share} davon, die eine Vorhersage sparen würde, weil eine Person sich die meisten Vorschläge weiterhin ansieht.",
    "Download CSV": "CSV herunterladen",
    "Describe “{title}” on an ML Canvas": "„{title}“ auf einem ML Canvas beschreiben",
    "Scores and reasons": "Werte und Begründungen",
    "Edit the **Score** column to override a suggestion; set it back to the suggested score to drop your override. Your name, the time and the reason on the right are recorded with it.":
        "Ändere die Spalte **Punkte**, um einen Vorschlag zu überschreiben; setze sie auf den vorgeschlagenen Wert zurück, um deine Änderung zu verwerfen. Dein Name, die Zeit und die Begründung rechts werden festgehalten.",
    "Why (recorded with your next change)": "Warum (wird mit deiner nächsten Änderung festgehalten)",
    "e.g. finance confirmed the volume": "z. B. die Buchhaltung hat das Volumen bestätigt",
    "Criterion": "Kriterium",
    "Suggested": "Vorschlag",
    "Score ✎": "Punkte ✎",
    "Reason (from the board)": "Begründung (vom Board)",
    "Changed by": "Geändert von",
    "Scores of “{title}” saved.": "Werte von „{title}“ gespeichert.",
    # ------------------------------------------------------------------ canvas_page.py
    "ML Canvas": "ML Canvas",
    "**{title}** — one page per accepted opportunity: what the prediction is worth, what it predicts, from which data, and how it is checked. Prefilled from the board; lines starting with **?** are guesses to confirm. Every change is saved at once.":
        "**{title}** — eine Seite pro angenommener Chance: was die Vorhersage wert ist, was sie vorhersagt, aus welchen Daten und wie sie geprüft wird. Vom Board vorausgefüllt; Zeilen mit **?** am Anfang sind Vermutungen, die zu bestätigen sind. Jede Änderung wird sofort gespeichert.",
    "Accept an opportunity first: its canvas opens here.": "Nimm zuerst eine Chance an: ihr Canvas öffnet sich hier.",
    "Canvas prefilled again from the board.": "Canvas erneut vom Board vorausgefüllt.",
    "Not saved — {error}": "Nicht gespeichert — {error}",
    "Saved · revision {revision}": "Gespeichert · Revision {revision}",
    "Prefilled from the board (saved with your first change)": "Vom Board vorausgefüllt (gespeichert ab deiner ersten Änderung)",
    "{n} open points": "{n} offene Punkte",
    "1 open point": "1 offener Punkt",
    "{n} guesses to confirm": "{n} Vermutungen zu bestätigen",
    "1 guess to confirm": "1 Vermutung zu bestätigen",
    "HTML poster": "HTML-Poster",
    "Prefill again": "Neu vorausfüllen",
    "Replace this canvas with a fresh one from the board": "Dieses Canvas durch ein frisches vom Board ersetzen",
    "The ten boxes": "Die zehn Felder",
    "Prediction details & features": "Details der Vorhersage & Features",
    "One sentence a line; a line starting with ? is a guess.": "Ein Satz pro Zeile; eine Zeile, die mit ? beginnt, ist eine Vermutung.",
    "**Task:** {task} · **risk:** {risk}": "**Aufgabe:** {task} · **Risiko:** {risk}",
    "low": "niedrig",
    "medium": "mittel",
    "high": "hoch",
    " · **high stakes**": " · **hohe Tragweite**",
    "Owner": "Verantwortlich",
    "who answers for it": "wer dafür geradesteht",
    "Entity (what each prediction is about)": "Entität (worum es in jeder Vorhersage geht)",
    "Target column": "Zielspalte",
    "Possible outcomes (comma-separated)": "Mögliche Ergebnisse (durch Kommas getrennt)",
    "Outcome known": "Ergebnis bekannt nach",
    "Heuristic to beat": "Zu schlagende Heuristik",
    "Cost of each kind of error (one `kind: cost` a line)": "Kosten jeder Fehlerart (eine Zeile `art: kosten`)",
    "Serving": "Betrieb",
    "batch": "Batch",
    "realtime": "Echtzeit",
    "Human review": "Menschliche Prüfung",
    "Monitoring metric": "Metrik für das Monitoring",
    "Fairness check": "Fairness-Prüfung",
    "needed for high-stakes decisions about people": "nötig bei Entscheidungen mit hoher Tragweite über Menschen",
    "**Features** (the columns a model reads; they become the spec's data columns)":
        "**Features** (die Spalten, die ein Modell liest; sie werden zu den Datenspalten der Spec)",
    "Name": "Name",
    "Type": "Typ",
    "Comes from": "Kommt aus",
    "**Poster preview** (as the HTML download prints)": "**Poster-Vorschau** (wie der HTML-Download druckt)",
    "Make the spec and the project": "Spec und Projekt erstellen",
    # ------------------------------------------------------------------ export.py
    "**{title}** — the use-case spec made from the canvas, validated as `mlcanvas validate` does, and the baseline project generated from it. Correct the data columns and the baseline rules here; a change is saved only when the spec stays valid.":
        "**{title}** — die Use-Case-Spec aus dem Canvas, geprüft wie mit `mlcanvas validate`, und das daraus erzeugte Baseline-Projekt. Korrigiere hier die Datenspalten und die Baseline-Regeln; eine Änderung wird nur gespeichert, wenn die Spec gültig bleibt.",
    "Accept an opportunity and describe it on a canvas first.": "Nimm zuerst eine Chance an und beschreibe sie auf einem Canvas.",
    "Spec made from the canvas again.": "Spec erneut aus dem Canvas erstellt.",
    "the spec": "die Spec",
    "Not saved — ": "Nicht gespeichert — ",
    "**Data columns** — the table the project reads (CSV or Parquet)": "**Datenspalten** — die Tabelle, die das Projekt liest (CSV oder Parquet)",
    "Name each column as in your data; the target and features must be among them. New columns become features.":
        "Benenne jede Spalte wie in deinen Daten; Zielgröße und Features müssen darunter sein. Neue Spalten werden zu Features.",
    "Column": "Spalte",
    "Role": "Rolle",
    "target: the truth to learn; feature: a model input; timestamp: for the time split and drift":
        "target: die zu lernende Wahrheit; feature: eine Eingabe des Modells; timestamp: für die zeitliche Aufteilung und Drift",
    "**Baseline** — the heuristic the first model must beat": "**Baseline** — die Heuristik, die das erste Modell schlagen muss",
    "YAML: `method` (rules, majority, mean, median, seasonal_naive, zscore, popularity); for rules, a list of `when`/`predict` (first match wins) and a `default`. Example rule: `- when: {feature: merchant, contains_any: [shell, aral]}` / `predict: fuel`.":
        "YAML: `method` (rules, majority, mean, median, seasonal_naive, zscore, popularity); für rules eine Liste von `when`/`predict` (der erste Treffer gewinnt) und ein `default`. Beispielregel: `- when: {feature: merchant, contains_any: [shell, aral]}` / `predict: fuel`.",
    "Baseline (YAML)": "Baseline (YAML)",
    "Make the spec from the canvas again": "Spec erneut aus dem Canvas erstellen",
    "Drop your column and baseline changes": "Deine Änderungen an Spalten und Baseline verwerfen",
    "**Valid spec** — `{name}` passes `mlcanvas validate`.": "**Gültige Spec** — `{name}` besteht `mlcanvas validate`.",
    " Saved with your changes.": " Mit deinen Änderungen gespeichert.",
    " Made from the canvas.": " Aus dem Canvas erstellt.",
    "**The spec is not valid yet** — {n} problems.": "**Die Spec ist noch nicht gültig** — {n} Probleme.",
    "**The spec is not valid yet** — 1 problem.": "**Die Spec ist noch nicht gültig** — 1 Problem.",
    "Fix it on the canvas": "Auf dem Canvas beheben",
    "Download spec": "Spec herunterladen",
    "Download scaffold": "Projekt herunterladen",
    "The generated project: pipeline, tests, API, Dockerfile, CI; `make pipeline` and `make test` run at once.":
        "Das erzeugte Projekt: Pipeline, Tests, API, Dockerfile, CI; `make pipeline` und `make test` laufen sofort.",
    "Generated project": "Erzeugtes Projekt",
    "Unzip, then `make pipeline` (prepare, train, evaluate the baseline on a synthetic sample until you add real data) and `make test`.":
        "Entpacken, dann `make pipeline` (vorbereiten, trainieren, die Baseline auf einer synthetischen Stichprobe bewerten, bis du echte Daten hinzufügst) und `make test`.",
    "The project tree shows once the spec is valid.": "Der Projektbaum erscheint, sobald die Spec gültig ist.",
}

#: ML tasks ("anomaly detection") and quadrants ("quick win") as the domain's German texts
#: name them, so the pages and the CLI, canvas and poster say the same.
GERMAN.update({task.replace("_", " "): word for task, word in TASK_WORDS["de"].items()})
GERMAN.update(QUADRANT_LABELS_DE)

#: The projected picture, unfinished rows, the team store and the smaller fixes of issue 16.
GERMAN.update({
    'Facilitator':
        'Moderation',
    ':material/group: Added by {names}':
        ':material/group: Hinzugefügt von {names}',
    'Columns {first}–{last} of {columns}. ':
        'Spalten {first}–{last} von {columns}. ',
    'Timeline':
        'Zeitleiste',
    'The whole board. ':
        'Das ganze Board. ',
    '{columns} timeline columns. ':
        '{columns} Spalten der Zeitleiste. ',
    'Drag sideways to pan, double-click to return to the start. Click a sticky (or pick it in **Sticky**) to edit it; the picture centres on it.':
        'Seitwärts ziehen verschiebt, ein Doppelklick führt zum Anfang zurück. Klicke ein Sticky an (oder wähle es unter **Sticky**), um es zu bearbeiten; das Bild zeigt es in der Mitte.',
    'Which part of the timeline the picture shows (by column).':
        'Welchen Teil der Zeitleiste das Bild zeigt (nach Spalte).',
    'Problem':
        'Problem',
    'An unfinished row is kept as typed; the spec waits until it is complete':
        'Eine unfertige Zeile bleibt so, wie sie getippt wurde; die Spezifikation wartet, bis sie vollständig ist',
    '**{title}** — the use-case spec made from the canvas, validated as `mlcanvas validate` does, and the baseline project generated from it. Correct the data columns and the baseline rules here; a change is saved only when the spec stays valid (a row still missing a field is kept and marked on its row).':
        '**{title}** — die Use-Case-Spezifikation aus dem Canvas, geprüft wie von `mlcanvas validate`, und das daraus erzeugte Baseline-Projekt. Korrigiere hier die Datenspalten und die Baseline-Regeln; eine Änderung wird nur gespeichert, wenn die Spezifikation gültig bleibt (eine Zeile, der noch ein Feld fehlt, bleibt erhalten und wird in ihrer Zeile markiert).',
    'What is wrong with the row; the spec is valid once every row is complete':
        'Was an der Zeile fehlt; die Spezifikation ist gültig, sobald jede Zeile vollständig ist',
    'Recorded with every decision you make on these pages (accept, dismiss, scores, weights, canvas, spec). Remembered in this browser.':
        'Wird bei jeder Entscheidung auf diesen Seiten festgehalten (annehmen, verwerfen, Bewertungen, Gewichte, Canvas, Spezifikation). Dieser Browser merkt sich den Namen.',
    'the database `{where}`':
        'der Datenbank `{where}`',
    "the database's trash (its rows stay, marked deleted)":
        'den Papierkorb der Datenbank (die Zeilen bleiben, als gelöscht markiert)',
    'the workspace folder `{root}`':
        'dem Workspace-Ordner `{root}`',
    "the workspace's `.trash` folder":
        'den Ordner `.trash` des Workspace',
    'Green outlines: the anchor stickies of the opportunities, numbered like their cards. Drag sideways to pan.':
        'Grüne Umrisse: die Anker-Stickies der Chancen, nummeriert wie ihre Karten. Seitwärts ziehen verschiebt.',
    'High stakes (a decision about people: credit, hiring, health, insurance, a fraud suspicion, refusing what someone asked for)':
        'Hohe Tragweite (eine Entscheidung über Menschen: Kredit, Einstellung, Gesundheit, Versicherung, ein Betrugsverdacht, die Ablehnung eines Anliegens)',
    ':red-badge[:material/warning: high stakes: {flags}]':
        ':red-badge[:material/warning: hohe Tragweite: {flags}]',
    'Feas.':
        'Machb.',
    'Feasibility: the other five criteria':
        'Machbarkeit: die anderen fünf Kriterien',
    'Each workshop is one EventStorming board, saved in {where} with its last 20 revisions. Open one to capture stickies; create a new one for the next session, or bring in a board from a file.':
        'Jeder Workshop ist ein EventStorming-Board, gespeichert in {where} mit seinen letzten 20 Revisionen. Öffne einen, um Stickies zu erfassen; lege für die nächste Sitzung einen neuen an oder hole ein Board aus einer Datei.',
    'Files ending in {suffixes}':
        'Dateien mit der Endung {suffixes}',
    '**{title}** — {stickies}, {links}, {lanes} (read as {format})':
        '**{title}** — {stickies}, {links}, {lanes} (gelesen als {format})',
    'Delete “{title}”? It moves to {trash} and disappears from this list.':
        '„{title}“ löschen? Der Workshop kommt in {trash} und verschwindet aus dieser Liste.',
    'Careful: {warning}. Add it only to start from an empty board.':
        'Vorsicht: {warning}. Füge es nur hinzu, um mit einem leeren Board zu beginnen.',
    'Add the empty board anyway':
        'Das leere Board trotzdem hinzufügen',
    '{stickies} · {language} · revision {revision} · saved {when} UTC':
        '{stickies} · {language} · Revision {revision} · gespeichert {when} UTC',
})

#: Live capture (issue 14) and the canvas's disagreement between box 2 and the details.
GERMAN.update({
    'Someone saved just now; look again and press once more.':
        'Gerade hat jemand gespeichert; schau noch einmal und drücke erneut.',
    'The last save (by anyone) was undone.':
        'Die letzte Speicherung (von wem auch immer) wurde zurückgenommen.',
    'Undo your last change: {last}':
        'Deine letzte Änderung zurücknehmen: {last}',
    "Undo your own last change (others' changes stay).":
        'Deine eigene letzte Änderung zurücknehmen (die der anderen bleiben).',
    ' by {name}':
        ' von {name}',
    ' at {time}':
        ' um {time}',
    'The board is closed for additions{by}{at} (for example while the timeline is walked). You can still edit stickies; Quick capture opens again when the facilitator reopens the board.':
        'Das Board wurde{by}{at} für neue Stickies geschlossen (zum Beispiel, während die Zeitleiste durchgegangen wird). Stickies bearbeiten geht weiter; die Schnellerfassung öffnet wieder, wenn die Moderation das Board wieder öffnet.',
    'Open for additions':
        'Offen für neue Stickies',
    'Close the board while the timeline is walked: nobody can add stickies until it is open again; edits still work.':
        'Schließe das Board, während die Zeitleiste durchgegangen wird: niemand kann Stickies hinzufügen, bis es wieder offen ist; Bearbeiten geht weiter.',
    '**Who added the stickies:** {counts}':
        '**Wer die Stickies hinzugefügt hat:** {counts}',
    "Undo the last save (anyone's)":
        'Letzte Speicherung zurücknehmen (egal von wem)',
    'Goes back one saved revision, whoever saved it (the last 20 are kept). Your own Undo button reverts only your changes.':
        'Geht eine gespeicherte Revision zurück, egal wer gespeichert hat (die letzten 20 bleiben erhalten). Dein eigener Zurück-Knopf nimmt nur deine Änderungen zurück.',
    'Live: stickies others add show here within a second or two.':
        'Live: Stickies, die andere hinzufügen, erscheinen hier nach ein bis zwei Sekunden.',
    'Shown to the others as who added each sticky. Remembered in this browser; the same name is used on every page.':
        'Die anderen sehen ihn bei jedem Sticky, das du hinzufügst. Dieser Browser merkt sich den Namen; er gilt auf jeder Seite.',
    'Box 2 and the prediction details disagree. Box 2 predicts **{box_target}** for each **{box_entity}**; the details (used for the spec) say **{target}** for each **{entity}**. Which is right?':
        'Feld 2 und die Vorhersage-Details widersprechen sich. Feld 2 sagt **{box_target}** für jede(n) **{box_entity}** vorher; die Details (für die Spezifikation) sagen **{target}** für jede(n) **{entity}**. Was stimmt?',
    '(no target)':
        '(keine Zielgröße)',
    '(no entity)':
        '(keine Entität)',
    "Use box 2's":
        'Feld 2 übernehmen',
    "Set Entity and Target column from box 2's sentence":
        'Entität und Zielspalte aus dem Satz in Feld 2 setzen',
    "Use the details'":
        'Details übernehmen',
    "Rewrite box 2's sentence with the details' entity and target":
        'Den Satz in Feld 2 mit Entität und Zielgröße der Details neu schreiben',
})

GERMAN.update({
    "The workspace cannot be read or written: {reason} Reload the page once it is reachable "
    "again.": "Der Arbeitsbereich kann nicht gelesen oder geschrieben werden: {reason} Laden Sie "
              "die Seite neu, sobald er wieder erreichbar ist.",
})

GERMAN.update({
    "Someone changed this sticky since you opened it. Saving keeps their changes to the "
    "fields you did not touch.": "Jemand hat dieses Sticky geändert, seit Sie es geöffnet "
                                 "haben. Beim Speichern bleiben deren Änderungen an den "
                                 "Feldern erhalten, die Sie nicht angefasst haben.",
    "Show the latest": "Neuesten Stand zeigen",
    "Your last change is not saved: see the problems beside it. The spec below is the last "
    "saved one.": "Ihre letzte Änderung ist nicht gespeichert: siehe die Probleme daneben. "
                  "Die Spezifikation unten ist die zuletzt gespeicherte.",
})
