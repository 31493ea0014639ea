"""A hotspot's stated cost counts in value (issue 16): value counted only minutes of work,
not "patients wait in corridors for hours" or "€20,000 a month in write-offs"."""

from __future__ import annotations

import pytest

from canvas.priorities.scoring import stated_cost, suggest_value
from eventstorming.detection.opportunity import Opportunity, StickyRef


def _opp(*hotspots: str, lang: str = "en") -> Opportunity:
    return Opportunity(
        id="opp-c-triage", title="Triage patient", task="classification",
        anchor=StickyRef(id="c-triage", kind="command", text="Triage patient"),
        hotspots=tuple(StickyRef(id=f"h-{n}", kind="hotspot", text=t)
                       for n, t in enumerate(hotspots)),
        volume_per_day=20, minutes=5, score=0.8, lang=lang)


@pytest.mark.parametrize("text, found", [
    ("Patients wait in corridors for hours", "Patients wait in corridors"),
    ("€20,000 a month in write-offs", "€20,000 a month"),
    ("Customers churn after the second delay", "churn"),
    ("Kunden springen ab, wenn es länger dauert", "Kunden springen ab"),
    ("20.000 EUR im Monat abgeschrieben", "20.000 EUR im Monat"),
    ("Patienten warten stundenlang auf den Fluren", "Patienten warten stundenlang"),
])
def test_a_stated_cost_is_found_in_english_and_german(text, found):
    assert stated_cost(text) == found


@pytest.mark.parametrize("text", ["Graders disagree, the same item gets different grades",
                                  "It takes forever", "Fine-tuning the rules is hard",
                                  "Manual work takes 10 min"])
def test_trouble_without_a_cost_is_no_cost(text):
    assert stated_cost(text) is None


def test_a_stated_cost_raises_value_and_the_reason_says_so():
    plain, _ = suggest_value(_opp("Graders disagree"))
    costly, why = suggest_value(_opp("Patients wait in corridors for hours"))
    assert costly == plain + 1
    assert "'Patients wait in corridors for hours' names a cost beyond the hours of work " \
           "(Patients wait in corridors)" in why
    # 20/day × 5 min is about 608 hours: 2, one for the hotspot, one for its cost
    assert costly == 4


def test_the_german_reason_names_the_cost():
    _, why = suggest_value(_opp("Patienten warten stundenlang auf den Fluren", lang="de"))
    assert "nennt Kosten über die Arbeitsstunden hinaus (Patienten warten stundenlang)" in why
