"""Render an ML canvas as Markdown (reads well on GitHub) or as a one-page HTML poster.

The HTML poster is laid out like the ML Canvas v1.1: the prediction side on the left
(Decisions, Prediction Task, Impact Simulation, Making Predictions), the Value Proposition in
the middle, the learning side on the right (Data Collection, Data Sources, Building Models,
Features), Monitoring along the bottom. It prints on one landscape page (A4 or A3, see
:func:`canvas_to_html`). Every text a user could have typed is escaped in both formats: a
canvas never becomes markup or script.
"""

from __future__ import annotations

import html
import re
from typing import Literal

from canvas.mlcanvas.model import (
    TASK_WORDS,
    CanvasLint,
    MLCanvas,
    Note,
    boxes_for,
    guess_how,
    lint_canvas,
)

_LABELS = {
    "en": {"entity": "Entity", "target": "Target", "outcomes": "Possible outcomes",
           "wait": "Outcome known", "heuristic": "Heuristic to beat", "costs": "Cost of errors",
           "labels": "Label source", "task": "Task", "board": "Board", "opportunity":
           "Opportunity", "risk": "Risk", "serving": "Serving", "review": "Human review",
           "yes": "yes", "no": "no", "guess": "guess", "lint": "Open points",
           "details": "Prediction details", "none": "—",
           "made": "ML Canvas v1.1 · made with mlcanvas", "high_stakes": "high stakes",
           "missing": "missing", "risky": "risky",
           "high": "high", "medium": "medium", "low": "low", "realtime": "realtime",
           "batch": "batch"},
    "de": {"entity": "Entität", "target": "Zielgröße", "outcomes": "Mögliche Ergebnisse",
           "wait": "Ergebnis bekannt", "heuristic": "Zu schlagende Heuristik",
           "costs": "Kosten von Fehlern", "labels": "Label-Quelle", "task": "Aufgabe",
           "board": "Board", "opportunity": "Chance", "risk": "Risiko", "serving": "Betrieb",
           "review": "Menschliche Prüfung", "yes": "ja", "no": "nein", "guess": "Vermutung",
           "lint": "Offene Punkte",
           "details": "Details der Vorhersage", "none": "—",
           "made": "ML Canvas v1.1 · erstellt mit mlcanvas", "high_stakes": "hohe Tragweite",
           "missing": "fehlt", "risky": "riskant",
           "high": "hoch", "medium": "mittel", "low": "niedrig", "realtime": "Echtzeit",
           "batch": "Batch"},
}


def _labels(canvas: MLCanvas) -> dict[str, str]:
    return _LABELS.get(canvas.lang, _LABELS["en"])


def _task(canvas: MLCanvas) -> str:
    return TASK_WORDS["de"][canvas.prediction.task] if canvas.lang == "de" \
        else canvas.prediction.task.replace("_", " ")


def _risk(canvas: MLCanvas, labels: dict[str, str], sep: str) -> str:
    return labels.get(canvas.risk, canvas.risk) + (
        f"{sep}{labels['high_stakes']}" if canvas.high_stakes else "")


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~])")


def md_escape(text: str) -> str:
    """Text safe inside Markdown: no HTML, no emphasis, links or table breaks, one line."""
    text = " ".join(str(text).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_note(note: Note, labels: dict[str, str]) -> str:
    return f"- _{labels['guess']}:_ {md_escape(note.text)}" if note.guess \
        else f"- {md_escape(note.text)}"


def canvas_to_markdown(canvas: MLCanvas, lints: list[CanvasLint] | None = None) -> str:
    """The canvas as GitHub Markdown: header, prediction details, the ten boxes, open
    points."""
    labels = _labels(canvas)
    lints = lint_canvas(canvas) if lints is None else lints
    pred = canvas.prediction
    out = [f"# ML Canvas: {md_escape(canvas.title)}", ""]
    meta = [f"**{labels['task']}:** {md_escape(_task(canvas))}"]
    if canvas.board:
        meta.append(f"**{labels['board']}:** {md_escape(canvas.board)}")
    if canvas.opportunity:
        meta.append(f"**{labels['opportunity']}:** `{canvas.opportunity.replace('`', '')}`")
    meta.append(f"**{labels['risk']}:** {md_escape(_risk(canvas, labels, ', '))}")
    out += [" · ".join(meta), "", f"> {guess_how('markdown', canvas.lang)}", ""]

    out += [f"## {labels['details']}", "", "| | |", "|---|---|"]
    heuristic = pred.heuristic.text or labels["none"]
    if pred.heuristic.rules:
        heuristic += f" ({len(pred.heuristic.rules)} rules)"
    rows = [
        (labels["entity"], pred.entity or labels["none"]),
        (labels["target"], pred.target or labels["none"]),
        (labels["outcomes"], ", ".join(pred.outcomes) or labels["none"]),
        (labels["wait"], pred.wait or labels["none"]),
        (labels["labels"], ", ".join(pred.label_source) or labels["none"]),
        (labels["heuristic"], heuristic),
        (labels["costs"], "; ".join(pred.error_costs.values()) or labels["none"]),
        (labels["serving"], labels.get(canvas.serving, canvas.serving)),
        (labels["review"], labels["yes"] if canvas.human_review else labels["no"]),
    ]
    # the target is a column name: shown as code, so no one reads it as a word to translate
    out += [f"| {md_escape(k)} | "
            + (f"`{v.replace('`', '').replace('|', '')}`" if k == labels["target"] and
               pred.target else md_escape(v)) + " |" for k, v in rows]
    out.append("")
    titles = {b.key: b.title for b in boxes_for(canvas.lang)}
    for box in boxes_for(canvas.lang):
        out += [f"## {box.title}", "", f"_{md_escape(box.question)}_", ""]
        notes = canvas.box(box.key)
        out += [_md_note(n, labels) for n in notes] or [f"- {labels['none']}"]
        out.append("")
    if lints:
        out += [f"## {labels['lint']}", ""]
        out += [f"- **{titles[lint.box]}** ({labels.get(lint.level, lint.level)}): "
                f"{md_escape(lint.message)}"
                for lint in lints]
        out.append("")
    out += [f"<sub>{labels['made']}</sub>", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- HTML

_AREAS = {
    "decisions": "dec", "prediction_task": "task", "value_proposition": "vp",
    "data_collection": "coll", "data_sources": "src", "impact_simulation": "imp",
    "making_predictions": "mk", "building_models": "bld", "features": "feat",
    "monitoring": "mon",
}
_SIDE = {"decisions": "predict", "prediction_task": "predict", "impact_simulation": "predict",
         "making_predictions": "predict", "value_proposition": "value",
         "data_collection": "learn", "data_sources": "learn", "building_models": "learn",
         "features": "learn", "monitoring": "monitor"}

_CSS = """
@page { size: %(paper)s landscape; margin: 8mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
:root { --scale: %(scale)s; }
body { font: calc(13px * var(--scale))/1.35 system-ui, -apple-system, "Segoe UI", Roboto,
       "Helvetica Neue", Arial, sans-serif; color: #1f2933; background: #eef1f4; }
.poster { width: 100%%; min-height: max(100vh, 680px); margin: 0 auto;
          padding: 12px 16px;
          background: #fff; display: grid; gap: 8px;
          grid-template-columns: repeat(5, minmax(0, 1fr));
          grid-template-rows: auto minmax(min-content, 1fr) minmax(min-content, 1fr)
                              minmax(min-content, .6fr) auto;
          grid-template-areas:
            "head head head head head"
            "dec task vp coll src"
            "imp mk vp bld feat"
            "mon mon mon det det"
            "foot foot foot foot foot"; }
header { grid-area: head; display: flex; justify-content: space-between; align-items: flex-end;
         gap: 24px; border-bottom: 3px solid #1f2933; padding-bottom: 6px; }
header h1 { margin: 0; font-size: 1.85em; letter-spacing: -.01em; }
header h1 small { display: block; font-size: 0.46em; font-weight: 600; letter-spacing: .12em;
                  text-transform: uppercase; color: #52606d; }
header dl { display: grid; grid-template-columns: repeat(3, auto); gap: 2px 18px; margin: 0;
            font-size: 0.85em; }
header dt { font-weight: 600; color: #52606d; text-transform: uppercase; font-size: 0.86em;
            letter-spacing: .06em; }
header dd { margin: 0 0 2px 0; }
section.box { border: 1.5px solid #cbd2d9; border-radius: 8px; padding: 8px 10px 8px;
              overflow: visible; display: flex; flex-direction: column; background: #fff;
              overflow-wrap: anywhere; }
section.box h2 { margin: 0; font-size: 1.04em; display: flex; align-items: center; gap: 6px; }
section.box h2 .n { display: inline-grid; place-items: center; width: 1.55em; height: 1.55em;
                    border-radius: 50%%; font-size: 0.74em; color: #fff; background: #52606d; }
section.box p.q { margin: 2px 0 6px; font-size: 0.81em; color: #7b8794; font-style: italic; }
section.box ul { margin: 0; padding-left: 15px; }
section.box li { margin: 0 0 4px; }
section.predict { border-color: #9fb3c8; background: #f5f9fd; }
section.predict h2 .n { background: #2f6fad; }
section.learn { border-color: #a8d5ba; background: #f5fbf7; }
section.learn h2 .n { background: #2f8a57; }
section.value { border-color: #f0b429; background: #fffaeb; border-width: 2.5px; }
section.value h2 .n { background: #c78a00; }
section.value h2 { font-size: 1.23em; }
section.monitor { border-color: #b8b2d6; background: #f8f7fd; }
section.monitor h2 .n { background: #6a5acd; }
section.monitor ul { columns: 2; column-gap: 28px; }
li.guess { color: #3e4c59; font-style: italic; }
li.guess::after { content: attr(data-guess); font-style: normal; font-size: 0.65em;
                  font-weight: 600; text-transform: uppercase; letter-spacing: .05em;
                  color: #8d6e00; background: #fff3c4; border-radius: 3px;
                  padding: 0 4px; margin-left: 5px; vertical-align: 1px; }
section.details { grid-area: det; border-style: dashed; }
dl.details { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 4px 0 0;
             font-size: 0.88em; }
dl.details dt { font-weight: 600; color: #334e68; }
dl.details dd { margin: 0; }
dl.details code { font-size: 0.95em; background: #e4e7eb; border-radius: 3px; padding: 0 3px; }
footer { grid-area: foot; display: flex; gap: 16px; justify-content: space-between;
         font-size: 0.81em; color: #52606d; border-top: 1px solid #cbd2d9; padding-top: 5px; }
footer ul { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap;
            gap: 3px 14px; }
footer li.lint-missing b { color: #b42318; }
footer li.lint-risky b { color: #b54708; }
footer li.lint-guess b { color: #8d6e00; }
footer .made { white-space: nowrap; }
@media print {
  body { background: #fff; font-size: calc(%(print_font)s * var(--scale)); }
  .poster { min-height: %(print_height)s; padding: 0; }
  section.box { break-inside: avoid; }
}
"""

_PAPER = {"A4": ("A4", "9.5px", "193mm"), "A3": ("A3", "12.5px", "280mm")}

#: How much text (characters of title, question and notes) a one-cell box holds at full
#: type size; the Value Proposition spans two cells, Monitoring and the details are wide.
BOX_CAPACITY = 440
_CELLS = {"value_proposition": 2.0, "monitoring": 2.2, "details": 1.4}
#: Type is scaled down to this at most; longer text makes the boxes grow (never cut off).
MIN_SCALE = 0.72
#: ``paper="auto"`` prints on A3 when A4 would need type smaller than this.
A3_BELOW = 0.8


def type_scale(canvas: MLCanvas) -> float:
    """The factor the poster's type is scaled by so the fullest box fits its cell: 1 for
    ordinary canvases, down to :data:`MIN_SCALE` for long ones (the area text takes grows
    with the square of the type size)."""
    loads = []
    for box in boxes_for(canvas.lang):
        chars = len(box.title) + len(box.question) + sum(
            len(n.text) + 12 for n in canvas.box(box.key))
        loads.append(chars / (BOX_CAPACITY * _CELLS.get(box.key, 1.0)))
    pred = canvas.prediction
    details = sum(len(str(v)) + 25 for v in (pred.entity, pred.target, pred.wait,
                                             pred.heuristic.text, *pred.outcomes,
                                             *pred.error_costs.values()))
    loads.append(details / (BOX_CAPACITY * _CELLS["details"]))
    fullest = max(loads)
    return round(max(MIN_SCALE, min(1.0, (1 / fullest) ** 0.5)) if fullest > 0 else 1.0, 2)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _html_note(note: Note, labels: dict[str, str]) -> str:
    if note.guess:
        return f'<li class="guess" data-guess="{_e(labels["guess"])}">{_e(note.text)}</li>'
    return f"<li>{_e(note.text)}</li>"


def _details(canvas: MLCanvas, labels: dict[str, str]) -> str:
    pred = canvas.prediction
    rows = [(labels["entity"], pred.entity), (labels["target"], pred.target or ""),
            (labels["outcomes"], ", ".join(pred.outcomes)),
            (labels["wait"], pred.wait),
            (labels["heuristic"], pred.heuristic.text + (
                f" ({len(pred.heuristic.rules)} rules)" if pred.heuristic.rules else "")),
            ]
    rows += [(labels["costs"] if i == 0 else "", v)
             for i, v in enumerate(pred.error_costs.values())]
    items = "".join(
        f"<dt>{_e(k)}</dt><dd>"
        + (f"<code>{_e(v)}</code>" if k == labels["target"] and v else _e(v or labels["none"]))
        + "</dd>" for k, v in rows)
    return f'<dl class="details">{items}</dl>'


def canvas_to_html(canvas: MLCanvas, lints: list[CanvasLint] | None = None,
                   paper: Literal["A4", "A3", "auto"] = "auto") -> str:
    """The canvas as a self-contained HTML page that prints as a one-page poster.

    No text is ever cut off: long canvases get smaller type (:func:`type_scale`) and, past
    that, taller boxes. ``paper="auto"`` prints on A4 landscape, or on A3 landscape when A4
    would need type scaled below :data:`A3_BELOW`.
    """
    if paper not in (*_PAPER, "auto"):
        raise ValueError(f"paper must be A4, A3 or auto (got {paper!r})")
    labels = _labels(canvas)
    lints = lint_canvas(canvas) if lints is None else lints
    scale = type_scale(canvas)
    if paper == "auto":
        paper = "A3" if scale < A3_BELOW else "A4"
    size, font, height = _PAPER[paper]
    css = _CSS % {"paper": size, "print_font": font, "print_height": height,
                  "scale": scale}
    meta = [(labels["task"], _task(canvas)), (labels["risk"], _risk(canvas, labels, " · ")),
            (labels["serving"], labels.get(canvas.serving, canvas.serving))]
    if canvas.board:
        meta.append((labels["board"], canvas.board))
    if canvas.opportunity:
        meta.append((labels["opportunity"], canvas.opportunity))
    meta.append((labels["review"], labels["yes"] if canvas.human_review else labels["no"]))
    head = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in meta)
    sections = []
    titles = {b.key: b.title for b in boxes_for(canvas.lang)}
    for number, box in enumerate(boxes_for(canvas.lang), start=1):
        notes = "".join(_html_note(n, labels) for n in canvas.box(box.key)) or \
            f"<li>{labels['none']}</li>"
        sections.append(
            f'<section class="box {_SIDE[box.key]}" style="grid-area:{_AREAS[box.key]}" '
            f'id="{box.key}"><h2><span class="n">{number}</span>{_e(box.title)}</h2>'
            f'<p class="q">{_e(box.question)}</p><ul>{notes}</ul></section>')
    sections.append(f'<section class="box predict details" id="prediction_details"><h2>'
                    f'<span class="n">2</span>{_e(labels["details"])}</h2>'
                    f"{_details(canvas, labels)}</section>")
    lint_items = "".join(
        f'<li class="lint-{_e(lint.level)}"><b>{_e(titles[lint.box])}:</b> '
        f"{_e(lint.message)}</li>" for lint in lints)
    made = f'{_e(labels["made"])} — {_e(guess_how("poster", canvas.lang))}'
    footer = (f"<footer><div><b>{_e(labels['lint'])}:</b> <ul>{lint_items}</ul></div>"
              if lints else "<footer><div></div>") + \
        f'<div class="made">{made}</div></footer>'
    return (f'<!DOCTYPE html>\n<html lang="{_e(canvas.lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>ML Canvas: {_e(canvas.title)}</title><style>{css}</style></head>"
            f'<body><main class="poster"><header><h1><small>Machine Learning Canvas</small>'
            f"{_e(canvas.title)}</h1><dl>{head}</dl></header>{''.join(sections)}{footer}"
            f"</main></body></html>\n")
