"""``mlcanvas opportunities BOARD [--json [--candidates]] [--lang en|de]``: ML opportunities.

By default a readable list, best first: the task, the anchor sticky, who decides today and
the evidence as sentences; automation ideas (optimisation and plain rules) are listed apart.
``--json`` prints the list DESIGN.md specifies: one object per opportunity with ``id``,
``title``, ``task``, ``anchor`` ``{id, kind, text}``, ``actor``, ``inputs``, ``outcomes``,
``evidence`` ``[{rule, stickies, explanation}]``, ``high_stakes``, ``score`` and more.
``--json --candidates`` prints an object ``{"opportunities": [...], "candidates": [...]}``:
the near misses below the threshold are items of the same shape with ``missing``, the
questions that would settle them. The readable list names the near misses at its end.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from canvas.commands import load_board, write_output
from canvas.mlcanvas.model import TASK_WORDS
from canvas.priorities.scoring import risk_flag_label
from eventstorming.detection.detector import Detection, detect
from eventstorming.detection.opportunity import Opportunity
from eventstorming.phrasing import frequency, number

HEADINGS = {
    "en": {"none": "No ML opportunities found.", "who": "who decides today",
           "task": "ML task", "alt": "or", "anchor": "anchor", "inputs": "inputs",
           "outcomes": "outcomes", "classes": "classes", "stakes": "HIGH STAKES",
           "automation": "Automation ideas (not ML)", "optimisation": "optimisation",
           "rule_automation": "rule automation", "score": "score", "why": "why",
           "minutes": "min each",
           "candidates": "Worth a look (below the threshold)", "missing": "missing"},
    "de": {"none": "Keine ML-Chancen gefunden.", "who": "wer entscheidet heute",
           "task": "ML-Aufgabe", "alt": "oder", "anchor": "Anker", "inputs": "Eingaben",
           "outcomes": "Ergebnisse", "classes": "Klassen", "stakes": "HOHES RISIKO",
           "automation": "Automatisierungsideen (kein ML)", "optimisation": "Optimierung",
           "rule_automation": "Regelautomatisierung", "score": "Score", "why": "warum",
           "minutes": "Min. je Fall",
           "candidates": "Einen Blick wert (unter der Schwelle)", "missing": "es fehlt"},
}

#: Sticky kinds as the readable list names them (JSON keeps the kind ids).
KIND_WORDS = {
    "en": {"command": "command", "event": "event", "policy": "policy", "actor": "actor",
           "readmodel": "read model", "system": "system", "aggregate": "aggregate",
           "hotspot": "hotspot", "opportunity": "opportunity"},
    "de": {"command": "Command", "event": "Event", "policy": "Policy", "actor": "Akteur",
           "readmodel": "Read Model", "system": "System", "aggregate": "Aggregat",
           "hotspot": "Hotspot", "opportunity": "Chance"},
}

#: What the prediction would do, as the readable task line says it ("ML task: estimate a
#: number (regression)").
TASK_LINES = {
    "en": {"classification": "sort each case into one of the classes (classification)",
           "regression": "estimate a number (regression)",
           "forecasting": "forecast what will be needed or will happen (forecasting)",
           "ranking": "put the options in order, best first (ranking)",
           "anomaly_detection": "pick out the unusual cases (anomaly detection)",
           "extraction": "read the data out of documents or text (extraction)",
           "clustering": "group similar cases (clustering)"},
    "de": {"classification": "jeden Fall einer der Klassen zuordnen (Klassifikation)",
           "regression": "eine Zahl schätzen (Regression)",
           "forecasting": "vorhersagen, was gebraucht wird oder geschieht (Prognose)",
           "ranking": "die Optionen ordnen, die beste zuerst (Ranking)",
           "anomaly_detection": "die ungewöhnlichen Fälle herausfinden (Anomalieerkennung)",
           "extraction": "die Daten aus Dokumenten oder Text auslesen (Extraktion)",
           "clustering": "ähnliche Fälle gruppieren (Clustering)"},
}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "opportunities", help="find the ML opportunities on a board",
        description="Point at the places on a board where a prediction could replace or "
                    "support a human judgment, best first, with the evidence behind each.")
    parser.add_argument("board", metavar="BOARD", help="a .storm or YAML board file")
    parser.add_argument("--json", action="store_true",
                        help="print the opportunities as a JSON list")
    parser.add_argument("--candidates", action="store_true",
                        help="with --json: print {\"opportunities\": [...], \"candidates\": "
                             "[...]}, the near misses with what each lacks")
    parser.add_argument("--lang", choices=("en", "de"),
                        help="language of the sentences (default: the board's)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.set_defaults(func=cmd_opportunities)


def opportunity_json(opp: Opportunity, lang: str | None = None) -> dict[str, Any]:
    """One opportunity as JSON; with ``lang``, explanations in that language."""
    data = opp.to_json()
    if lang:
        for item in [*data["evidence"], *data.get("missing", [])]:
            item["explanation"] = item["explanations"].get(lang, item["explanation"])
    return data


def render_text(detection: Detection, title: str, lang: str) -> str:
    """The readable list: opportunities best first, then automation ideas apart."""
    h = HEADINGS[lang]
    lines = [title, ""]
    if not detection.opportunities:
        lines += [h["none"], ""]
    for n, opp in enumerate(detection.opportunities, 1):
        task = TASK_LINES[lang][opp.task]
        tasks = TASK_WORDS["de"] if lang == "de" else {t: t for t in TASK_LINES["en"]}
        alt = f" ({h['alt']} {', '.join(tasks.get(t, t) for t in opp.alternative_tasks)})" \
            if opp.alternative_tasks else ""
        flags = ", ".join(risk_flag_label(f, lang) for f in opp.risk_flags)
        stakes = f"  [{h['stakes']}: {flags}]" if opp.high_stakes else ""
        lines.append(f"{n}. {opp.title}  —  {tasks.get(opp.task, opp.task)}{alt}, "
                     f"{h['score']} {opp.score:.2f}{stakes}")
        lines.append(f"   {h['task']}: {task}")
        kind = KIND_WORDS[lang].get(opp.anchor.kind, opp.anchor.kind)
        lines.append(f"   {h['anchor']}: {kind} '{opp.anchor.text}' ({opp.anchor.id})")
        lines.append(f"   {h['who']}: {opp.actor or '-'}")
        figures = []
        if opp.volume_per_day is not None:
            figures.append(frequency(opp.volume_per_day, lang))
        if opp.minutes is not None:
            figures.append(f"{number(opp.minutes, lang)} {h['minutes']}")
        if opp.inputs:
            lines.append(f"   {h['inputs']}: " + "; ".join(i.text for i in opp.inputs))
        if opp.outcomes:
            lines.append(f"   {h['outcomes']}: " + "; ".join(o.text for o in opp.outcomes)
                         + (f"  ({' / '.join(figures)})" if figures else ""))
        elif figures:
            lines.append("   " + " / ".join(figures))
        if opp.classes:
            lines.append(f"   {h['classes']}: " + ", ".join(opp.classes))
        lines.append(f"   {h['why']}:")
        for item in opp.evidence:
            lines.append(f"   - {item.explanations.get(lang, item.explanation)}")
        lines.append("")
    if detection.candidates:
        lines.append(h["candidates"] + ":")
        for opp in detection.candidates:
            # rounded down, so a near miss never shows the threshold's figure
            lines.append(f"- {opp.title}  ({opp.task}, {h['score']} "
                         f"{int(opp.score * 100) / 100:.2f})")
            for gap in opp.missing:
                lines.append(f"  {h['missing']}: {gap.explanations.get(lang, gap.explanation)}")
        lines.append("")
    if detection.automation:
        lines.append(h["automation"] + ":")
        for idea in detection.automation:
            lines.append(f"- [{h[idea.kind]}] {idea.title}")
            lines.append(f"  {idea.explanations.get(lang, idea.explanation)}")
    return "\n".join(lines).rstrip() + "\n"


def cmd_opportunities(args: argparse.Namespace) -> int:
    board = load_board(args.board)
    detection = detect(board)
    lang = args.lang or (board.lang if board.lang in HEADINGS else "en")
    if args.json:
        found: Any = [opportunity_json(o, args.lang) for o in detection.opportunities]
        if args.candidates:
            found = {"opportunities": found,
                     "candidates": [opportunity_json(o, args.lang)
                                    for o in detection.candidates]}
        text = json.dumps(found, ensure_ascii=False, indent=2)
    else:
        text = render_text(detection, board.title, lang)
    write_output(text, args.output)
    return 0
