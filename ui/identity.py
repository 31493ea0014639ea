"""Who is working in this browser: the ``Your name`` field, entered once and remembered.

The name is kept in the session and in a cookie of the browser (set by a small script when
the name changes, read back through ``st.context.cookies`` when a new session starts), so a
reload, another page or another tab of the same browser keeps it. Every page that credits
something to a person (stickies on the Board, decisions on Opportunities and Prioritize,
canvases and specs) uses :func:`name`.
"""

from __future__ import annotations

import json
from urllib.parse import unquote

import streamlit as st

from ui.i18n import t

COOKIE = "mlcanvas_name"
_NAME = "author"              # session: the name (kept under the key the pages used before)
_INPUT = "_author_input"      # session: the widget's key
MAX_NAME = 80
#: A year, in seconds.
_MAX_AGE = 365 * 24 * 3600


def _clean(value: object) -> str:
    return " ".join(str(value or "").split())[:MAX_NAME]


def name() -> str:
    """The name entered in this browser ("" when none yet)."""
    if _NAME not in st.session_state:
        try:
            remembered = st.context.cookies.get(COOKIE)
        except Exception:  # noqa: BLE001 - no browser context (bare script runs)
            remembered = None
        st.session_state[_NAME] = _clean(unquote(remembered or ""))
    return _clean(st.session_state.get(_NAME))


def _keep() -> None:
    st.session_state[_NAME] = _clean(st.session_state.get(_INPUT))


def name_input(help: str, placeholder: str = "", container: object = st) -> str:
    """The ``Your name`` field (one per page); returns the name."""
    st.session_state[_INPUT] = name()
    container.text_input(t("Your name"), key=_INPUT, on_change=_keep, help=help,
                         placeholder=placeholder, max_chars=MAX_NAME)
    remember()
    return name()


def _cookie() -> str | None:
    try:
        remembered = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - no browser context (bare script runs)
        return None
    return _clean(unquote(remembered)) if remembered is not None else None


def remember() -> None:
    """Write the name into the browser's cookie while it differs from the one the browser
    sent (a script without user data in its code: the name is a JSON string literal, with
    ``<`` escaped). The script is part of every run until a new session reads the cookie
    back, so a rerun that interrupts the one after the name was typed (the live board
    polls every second) cannot keep it from running."""
    current = name()
    if current == (_cookie() or ""):
        return
    value = json.dumps(current).replace("<", "\\u003c")
    st.html(f"""<script>
document.cookie = "{COOKIE}=" + encodeURIComponent({value}) +
  "; path=/; max-age={_MAX_AGE}; SameSite=Lax";
</script>""", unsafe_allow_javascript=True, width="content")
