"""What a near miss lacks: questions the workshop can answer to decide about it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventstorming.detection.phrases import q

if TYPE_CHECKING:
    from eventstorming.detection.candidate import Candidate
    from eventstorming.detection.context import BoardReader


def gaps(r: BoardReader, cand: Candidate) -> list[dict[str, str]]:
    """What a near miss lacks, as sentences a workshop can act on."""
    rules = {e["rule"] for e in cand.evidence}
    gaps: list[dict[str, str]] = []
    if not rules & {"informed_decision", "human_decision", "informed_step",
                    "recommendation", "document_input"}:
        gaps.append(r.texts(
            en=f'Who decides {q(cand.anchor.text, "en")} today, and with what in front '
               f'of them? Link an actor or a read model to it.',
            de=f'Wer entscheidet {q(cand.anchor.text, "de")} heute, und mit welchen '
               f'Informationen? Verknüpfen Sie einen Akteur oder ein Read Model.'))
    if not rules & {"alternative_outcomes", "judgment_policy", "verdict"}:
        gaps.append(r.texts(
            en=f'What are the possible outcomes of {q(cand.anchor.text, "en")}? '
               f'Alternative events (e.g. approved / rejected) would be the classes.',
            de=f'Welche Ergebnisse kann {q(cand.anchor.text, "de")} haben? Alternative '
               f'Ereignisse (z. B. genehmigt / abgelehnt) wären die Klassen.'))
    if not rules & {"hotspot", "hotspot_pain", "effort", "volume", "minutes"}:
        gaps.append(r.texts(
            en=f'How often does {q(cand.anchor.text, "en")} happen, and what goes wrong? '
               f'A volume or a hotspot shows whether it is worth it.',
            de=f'Wie oft kommt {q(cand.anchor.text, "de")} vor, und was läuft schief? '
               f'Ein Volumen oder ein Hotspot zeigt, ob es sich lohnt.'))
    return gaps
