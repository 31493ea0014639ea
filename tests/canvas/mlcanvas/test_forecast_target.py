"""A forecast predicts what the board says is forecast, not the event after the decision.

The hospital board (``fixtures/boards/hospital_staffing.storm``, issue 16) says "Forecast bed
demand" and reports a "Daily census"; the staffing decision that follows ends in "Staffing
plan created". Its canvases must predict bed demand, not a staffing plan.
"""

from __future__ import annotations

import pytest

from canvas.mlcanvas.model import prefill_canvas
from canvas.mlcanvas.quantity import period_of, quantity_of, series_of, series_unit
from canvas.spec.from_canvas import spec_from_canvas
from eventstorming import parse_storm
from eventstorming.detection.detector import detect
from tests.canvas.conftest import BOARDS

HOSPITAL = (BOARDS / "hospital_staffing.storm").read_text(encoding="utf-8")

BAKERY = """# Bakery chain
lang: en

## Stores
s: Till system -> e: Sale recorded {volume: 5000/day}
e: Sale recorded -> r: Daily sales report
r: Daily sales report -> a: Production planner
r: Weather forecast -> a: Production planner
a: Production planner -> c: Estimate expected sales per store for tomorrow {minutes: 60}
c: Estimate expected sales per store for tomorrow -> e: Baking order sent
c: Estimate expected sales per store for tomorrow -> h: Unsold bread goes to waste every evening
"""

CALLS = """# Call centre
lang: en

## Planning
r: Weekly call volume forecast -> a: Workforce planner
r: Agent availability -> a: Workforce planner
a: Workforce planner -> c: Plan staffing for next week {minutes: 120, volume: 1/week}
c: Plan staffing for next week -> e: Shift plan published
c: Plan staffing for next week -> h: Mondays are always understaffed
"""

GETRAENKE = """# Getränkehandel
lang: de

## Filiale
s: Kassensystem -> e: Verkauf gebucht {volume: 3000/day}
e: Verkauf gebucht -> r: Tägliche Verkaufszahlen
r: Tägliche Verkaufszahlen -> a: Disponent
r: Aktionskalender -> a: Disponent
a: Disponent -> c: Absatz pro Filiale prognostizieren {minutes: 45, volume: 1/week}
c: Absatz pro Filiale prognostizieren -> e: Bestellvorschlag erstellt
c: Absatz pro Filiale prognostizieren -> h: Bei Hitzewellen ist das Bier ausverkauft
e: Bestellvorschlag erstellt -> p: Wenn ein Bestellvorschlag vorliegt, Ware bestellen
p: Wenn ein Bestellvorschlag vorliegt, Ware bestellen -> c: Ware bestellen -> e: Ware bestellt
"""


def _forecasts(text: str) -> dict[str, object]:
    board = parse_storm(text, "board.storm")
    return {o.anchor.text: prefill_canvas(o, board) for o in detect(board).opportunities
            if o.task == "forecasting"}


def test_the_hospital_board_is_a_realistic_workshop_board():
    board = parse_storm(HOSPITAL, "hospital_staffing.storm")
    assert len(board.stickies) >= 40
    assert {"Forecast bed demand", "Decide staffing levels per ward"} <= set(_forecasts(HOSPITAL))


@pytest.mark.parametrize("anchor", ["Forecast bed demand", "Decide staffing levels per ward"])
def test_hospital_forecasts_predict_bed_demand_not_the_staffing_plan(anchor):
    canvas = _forecasts(HOSPITAL)[anchor]
    assert canvas.prediction.target == "bed_demand"
    assert canvas.prediction.entity == "ward"        # "per ward" on the board
    said = canvas.box("prediction_task")[0].text
    assert said == "Forecasting for each ward: predict the bed demand."
    text = " ".join(n.text for box in canvas.boxes.values() for n in box)
    assert "predict the staffing plan" not in text
    spec = spec_from_canvas(canvas)
    assert spec.prediction.target == "bed_demand"
    assert spec.prediction.entity == "ward"


def test_english_expected_sales_per_store():
    canvas = _forecasts(BAKERY)["Estimate expected sales per store for tomorrow"]
    assert (canvas.prediction.entity, canvas.prediction.target) == ("store", "sales")


def test_english_decision_reads_the_quantity_from_a_forecast_read_model():
    canvas = _forecasts(CALLS)["Plan staffing for next week"]
    assert canvas.prediction.target == "weekly_call_volume"     # not "shift_plan"
    assert canvas.prediction.entity == "week"                   # not "agent availability"


def test_german_absatz_prognostizieren():
    canvas = _forecasts(GETRAENKE)["Absatz pro Filiale prognostizieren"]
    assert (canvas.prediction.entity, canvas.prediction.target) == ("Filiale", "absatz")
    assert canvas.box("prediction_task")[0].text == (
        "Prognose pro Filiale: die Zielgröße „absatz“ vorhersagen.")


@pytest.mark.parametrize(("text", "lang", "quantity"), [
    ("Forecast bed demand", "en", "bed demand"),
    ("Estimate next week demand", "en", "demand"),
    ("Forecast next quarter travel budget", "en", "travel budget"),
    ("Create demand forecast", "en", "demand"),
    ("Bed demand forecast published", "en", "Bed demand"),
    ("Predict the daily census per ward for the next two weeks", "en", "daily census"),
    ("Expected arrivals", "en", "arrivals"),
    ("Staffing plan created", "en", ""),
    ("Decide staffing levels per ward", "en", ""),
    ("Absatz prognostizieren", "de", "Absatz"),
    ("Platzbedarf für das nächste Jahr schätzen", "de", "Platzbedarf"),
    ("Absatzprognose erstellen", "de", "Absatz"),
    ("Belegungsprognose veröffentlicht", "de", "Belegung"),
    ("Erwarteter Umsatz", "de", "Umsatz"),
    ("Bestellvorschlag erstellt", "de", ""),
])
def test_quantity_of_reads_forecast_wording(text, lang, quantity):
    assert quantity_of(text, lang) == quantity


def test_series_unit_period_and_measured_series():
    assert series_unit("Decide staffing levels per ward") == "ward"
    assert series_unit("Absatz pro Filiale prognostizieren", "de") == "Filiale"
    assert series_unit("Forecast bed demand") == ""
    assert period_of("Forecast next quarter travel budget") == "quarter"
    assert period_of("Platzbedarf für das nächste Jahr schätzen") == "Jahr"
    assert series_of("Daily census report") == "Daily census"
    assert series_of("Weekly bed outlook") == ""      # a forecast, not a measured series


@pytest.mark.parametrize(("volume", "lang", "said"), [
    ("1/week", "en", "about once a week at 90 min each"),
    ("3/month", "en", "about 3 times a month at 90 min each"),
    ("1/year", "de", "etwa einmal im Jahr mit je 90 Min"),
    ("1.5/day", "en", "about 10 times a week at 90 min each"),  # whole numbers read better
    ("40/day", "de", "etwa 40-mal am Tag mit je 90 Min"),
])
def test_rare_work_is_counted_per_week_month_or_year(volume, lang, said):
    step = "Absatz prognostizieren" if lang == "de" else "Forecast bed demand"
    board = parse_storm(f"# B\nlang: {lang}\n## L\n"
                        f"a: Planer -> c: {step} {{minutes: 90, volume: {volume}}}\n"
                        f"c: {step} -> e: Done\n", "b.storm")
    [opp] = [o for o in detect(board).opportunities if o.anchor.text == step]
    assert said in prefill_canvas(opp, board).box("value_proposition")[0].text


@pytest.mark.parametrize(("text", "lang", "quantity"), [
    ("Forecast for next week", "en", ""),
    ("Forecast published", "en", ""),
    ("Demand estimated", "en", "Demand"),
    ("Estimate how many nurses are needed", "en", "nurses"),
    ("Predict the number of calls per hour", "en", "number of calls"),
    ("Projected revenue", "en", "revenue"),
    ("Für nächste Woche prognostizieren", "de", ""),
    ("Umsatz der nächsten Woche vorhersagen", "de", "Umsatz"),
    ("Anzahl Anrufe pro Stunde schätzen", "de", "Anzahl Anrufe"),
])
def test_quantity_of_edge_cases(text, lang, quantity):
    assert quantity_of(text, lang) == quantity
