"""Whatever the stickies say, a prefilled canvas makes a valid spec (or says what is missing)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canvas.mlcanvas.model import canvas_from_data, lint_canvas, prefill_canvas
from canvas.mlcanvas.render import canvas_to_html, canvas_to_markdown
from canvas.spec.from_canvas import spec_data_from_canvas, spec_from_canvas
from canvas.spec.model import TASKS
from eventstorming.detection.opportunity import Opportunity, StickyRef

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                min_size=1, max_size=40).filter(lambda t: t.strip())


@st.composite
def opportunities(draw):
    def refs(kind, max_size):
        items = draw(st.lists(texts, max_size=max_size, unique_by=str.casefold))
        return tuple(StickyRef(id=f"{kind[0]}-{i}", kind=kind, text=t)
                     for i, t in enumerate(items))

    anchor = draw(texts)
    return Opportunity(
        id="c-x", title=anchor, task=draw(st.sampled_from(TASKS)),
        anchor=StickyRef(id="c-x", kind="command", text=anchor),
        actor=draw(st.none() | texts),
        inputs=refs("readmodel", 3) + refs("system", 1),
        outcomes=refs("event", 3), upstream=refs("event", 2), hotspots=refs("hotspot", 2),
        volume_per_day=draw(st.none() | st.floats(0.01, 1e5)),
        minutes=draw(st.none() | st.floats(0, 600)),
        high_stakes=draw(st.booleans()), lang=draw(st.sampled_from(["en", "de"])),
        score=0.5)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(opportunities())
def test_prefill_always_gives_a_canvas_and_a_valid_spec_or_a_clear_reason(opp):
    canvas = prefill_canvas(opp)
    assert canvas_from_data(canvas.to_data()) == canvas
    lints = lint_canvas(canvas)
    canvas_to_html(canvas)
    canvas_to_markdown(canvas)
    if not canvas.features:
        assert any(lint.box == "features" for lint in lints)
        try:
            spec_data_from_canvas(canvas)
        except ValueError as exc:
            assert "names no features" in str(exc)
        return
    spec = spec_from_canvas(canvas)
    assert spec.prediction.task == opp.task
