"""Prioritization: suggested criteria, weights, overrides persisted in the workshop, quadrants."""

from __future__ import annotations

import csv
import io

import pytest

from canvas.priorities.scoring import (
    CRITERION_NAMES,
    PrioritySettings,
    RoiAssumptions,
    check_weights,
    estimate_roi,
    load_settings,
    parse_weights,
    prioritize,
    prioritize_one,
    quadrant,
    save_override,
    save_weights,
    suggest_scores,
    to_csv,
    to_json,
)
from canvas.workspace.store import ConflictError, Workspace


@pytest.fixture
def opps(clinic_board, make_opportunity):
    duration = make_opportunity(clinic_board, "Estimate treatment duration", "regression")
    triage = make_opportunity(clinic_board, "Triage request", "classification",
                              high_stakes=True, risk_flags=("health",))
    invoice = make_opportunity(clinic_board, "Send invoice", "classification")
    return duration, triage, invoice


def test_every_criterion_is_scored_1_to_5_with_a_reason(opps, clinic_board):
    for opp in opps:
        scores = suggest_scores(opp, clinic_board)
        assert [s.criterion for s in scores] == list(CRITERION_NAMES)
        for score in scores:
            assert 1 <= score.score <= 5
            assert score.reason and "\n" not in score.reason


def test_suggestions_follow_the_board(opps, clinic_board):
    duration, triage, invoice = opps
    by = {o.id: {s.criterion: s for s in suggest_scores(o, clinic_board)} for o in opps}
    d, t, i = by[duration.id], by[triage.id], by[invoice.id]
    # 120/day × 4 min ≈ 2,920 hours a year, plus a hotspot: high value, reason says so
    assert d["value"].score >= 4 and "120/day × 4 min" in d["value"].reason
    assert "hotspot" in d["value"].reason
    # two read models feed the receptionist; nothing feeds the invoice
    assert d["data"].score > i["data"].score
    assert "Pet history" in d["data"].reason
    # two alternative outcome events: clear labels
    assert t["labels"].score == 5
    # high stakes lowers tolerance and raises risk
    assert t["tolerance"].score < d["tolerance"].score
    assert t["risk"].score == 5 and "health" in t["risk"].reason
    # no person sends the invoice: a wrong prediction acts unchecked
    assert "no person" in i["tolerance"].reason


def test_no_outcome_means_no_label_source(clinic_board, make_opportunity):
    opp = make_opportunity(clinic_board, "Triage request", "classification", outcomes=())
    labels = {s.criterion: s for s in suggest_scores(opp, clinic_board)}["labels"]
    assert labels.score == 1 and "no outcome event" in labels.reason


def test_roi_where_volume_and_minutes_are_known(opps):
    duration, triage, _ = opps
    roi = estimate_roi(duration, RoiAssumptions(hourly_rate=40, share_saved=0.5))
    assert roi is not None
    assert roi.hours_per_year == pytest.approx(120 * 365 * 4 / 60 * 0.5)
    assert roi.value_per_year == pytest.approx(roi.hours_per_year * 40)
    assert "50% of today's minutes saved" in roi.assumptions
    assert estimate_roi(triage) is None  # no minutes on the triage command


@pytest.mark.parametrize("value,feasibility,expected", [
    (4, 4, "quick win"), (4, 2, "strategic bet"), (2, 4, "fill-in"), (2, 2, "avoid"),
    (3, 3, "quick win"), (2.99, 3, "fill-in"),
])
def test_quadrants(value, feasibility, expected):
    assert quadrant(value, feasibility) == expected


def test_ranked_best_first_and_weights_change_the_ranking(opps, clinic_board):
    ranked = prioritize(opps, clinic_board)
    assert [p.rank for p in ranked] == [1, 2, 3]
    assert [p.combined for p in ranked] == sorted((p.combined for p in ranked), reverse=True)
    # weigh risk heavily: the high-stakes triage falls to the bottom
    risky = prioritize(opps, clinic_board, PrioritySettings(weights={"risk": 10}))
    assert risky[-1].id == "c-triage-request"
    # weigh only value: the 2,920-hour regression wins
    valued = prioritize(opps, clinic_board,
                        PrioritySettings(weights={n: 0 for n in CRITERION_NAMES} | {"value": 1}))
    assert valued[0].id == "c-estimate-treatment-duration"


def test_value_and_feasibility_scores(opps, clinic_board):
    p = prioritize_one(opps[0], clinic_board)
    scores = {s.criterion: s for s in p.scores}
    assert p.value == scores["value"].score
    favourable = [scores[n].score for n in ("data", "labels", "tolerance")] + \
        [6 - scores["complexity"].score, 6 - scores["risk"].score]
    assert p.feasibility == pytest.approx(sum(favourable) / 5, abs=0.01)


@pytest.mark.parametrize("text,message", [
    ("valeu=2", "unknown criterion 'valeu' — did you mean 'value'?"),
    ("value=much", "the weight of 'value' must be a number"),
    ("value", "'value' is not a weight: write name=number"),
    ("risk=-1", "must not be negative"),
    ("", "no weights given"),
])
def test_bad_weights_are_refused_clearly(text, message):
    with pytest.raises(ValueError, match=message):
        parse_weights(text)


def test_weights_parse_and_all_zero_is_refused():
    assert parse_weights("value=2, risk=0.5") == {"value": 2.0, "risk": 0.5}
    with pytest.raises(ValueError, match="at least one weight"):
        check_weights({n: 0 for n in CRITERION_NAMES})
    with pytest.raises(ValueError, match="must be a number"):
        check_weights({"value": float("nan")})


def test_override_wins_and_keeps_author_and_suggestion(opps, clinic_board):
    settings = PrioritySettings().with_override("c-triage-request", "risk", 2, "Dana",
                                                reason="vets review every triage")
    p = prioritize_one(opps[1], clinic_board, settings)
    risk = p.score_of("risk")
    assert risk.score == 2 and risk.suggested == 5
    assert risk.override.author == "Dana" and risk.override.at
    data = p.to_json()["criteria"]["risk"]
    assert data["override"]["author"] == "Dana" and data["suggested"] == 5
    with pytest.raises(ValueError, match="1 to 5"):
        settings.with_override("c-triage-request", "risk", 6, "Dana")
    with pytest.raises(ValueError, match="needs an author"):
        settings.with_override("c-triage-request", "risk", 3, " ")
    with pytest.raises(ValueError, match="did you mean 'risk'"):
        settings.with_override("c-triage-request", "rsik", 3, "Dana")


def test_overrides_and_weights_persist_in_the_workshop(tmp_path, clinic_board, opps):
    ws = Workspace(tmp_path / "ws")
    workshop = ws.create_from_board(clinic_board)
    settings, revision = load_settings(ws, workshop)
    assert revision == 0 and settings == PrioritySettings()
    revision = save_override(ws, workshop, "c-triage-request", "risk", 2, "Dana", revision,
                             reason="vets review every triage")
    revision = save_weights(ws, workshop, {"value": 3}, "Dana", revision)
    # a second tab still holding revision 1 is refused, nothing is lost
    with pytest.raises(ConflictError):
        save_override(ws, workshop, "c-triage-request", "value", 1, "Eve", 1)
    settings, revision = load_settings(ws, workshop)
    assert revision == 2
    stored = settings.overrides["c-triage-request"]["risk"]
    assert (stored.score, stored.author, stored.reason) == (2, "Dana",
                                                             "vets review every triage")
    assert settings.weights["value"] == 3 and settings.weights["risk"] == 1
    assert ws.read(workshop, "priorities").author == "Dana"
    p = prioritize_one(opps[1], clinic_board, settings)
    assert p.score_of("risk").score == 2


def test_malformed_priorities_document_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown criterion 'valeu'"):
        PrioritySettings.from_data({"weights": {"valeu": 2}})
    with pytest.raises(ValueError, match="must be a mapping"):
        PrioritySettings.from_data({"overrides": {"x": 3}})


def test_json_and_csv_outputs(opps, clinic_board):
    ranked = prioritize(opps, clinic_board)
    items = to_json(ranked)
    for item in items:
        assert {"id", "title", "score", "value", "feasibility", "quadrant",
                "criteria"} <= set(item)
        assert set(item["criteria"]) == set(CRITERION_NAMES)
        assert all(c["reason"] for c in item["criteria"].values())
    rows = list(csv.DictReader(io.StringIO(to_csv(ranked))))
    assert [r["id"] for r in rows] == [i["id"] for i in items]
    assert rows[0]["hours_per_year"] or rows[1]["hours_per_year"]


def test_reasons_follow_the_board_language(make_opportunity):
    from eventstorming import parse_storm

    board = parse_storm(
        "# Schaden\nlang: de\ndomain: Versicherung\n\n## Service\n"
        "e: Schaden gemeldet {volume: 40/day} -> a: Sachbearbeiter\n"
        "a: Sachbearbeiter -> c: Schaden einstufen {minutes: 6} -> e: Schaden eingestuft\n"
        "r: Schadenhistorie -> a: Sachbearbeiter\n"
        "c: Schaden einstufen -> h: Einstufung dauert zu lange\n")
    opp = make_opportunity(board, "Schaden einstufen", "classification")
    reasons = {s.criterion: s.reason for s in suggest_scores(opp, board)}
    assert reasons["value"].startswith("40/Tag × 6 Min. ≈ 1.460 Arbeitsstunden im Jahr "
                                       "(≈ 0,9 Vollzeitkräfte)")
    assert "1 Hotspot:" in reasons["value"]
    assert reasons["data"].startswith("1 Read Model oder System speist die Entscheidung")
    assert "dazu 1 vorgelagertes Event" in reasons["data"]
    assert "regulierter Bereich (versicherung)" in reasons["risk"]


def test_csv_has_unique_columns_and_rare_volumes_read_naturally(clinic_board,
                                                               make_opportunity):
    opp = make_opportunity(clinic_board, "Estimate treatment duration", "regression",
                           volume_per_day=1 / 7, minutes=240)
    value = {s.criterion: s for s in suggest_scores(opp, clinic_board)}["value"]
    assert value.reason.startswith("1/week × 240 min ≈ 209 hours of work a year")
    header = to_csv(prioritize([opp], clinic_board)).splitlines()[0].split(",")
    assert len(header) == len(set(header))
    assert "value_score" in header and "risk_score" in header
