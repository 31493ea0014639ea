"""mlcanvas workshop app: ``streamlit run app.py``.

Builds the navigation; each page is a module under ``ui/``. The workspace is the PostgreSQL
database ``MLCANVAS_DATABASE_URL`` names (a team server), else the folder
``MLCANVAS_WORKSPACE`` points at (default ``./workspace``), seeded with the examples on first
start.
"""

import streamlit as st

from canvas.workspace.store import StoreError
from ui.common import seed_workspace, workshop_language
from ui.i18n import t, use_language
from ui.text import md

st.set_page_config(page_title="mlcanvas", page_icon="🟧", layout="wide")
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:3.2rem}</style>")
seed_workspace()
use_language(workshop_language())    # the open workshop's language, for every label
navigation = st.navigation([
    st.Page("ui/workshops.py", title=t("Workshops"), icon=":material/groups:",
            url_path="workshops", default=True),
    st.Page("ui/board.py", title=t("Board"), icon=":material/view_timeline:", url_path="board"),
    st.Page("ui/opportunities.py", title=t("Opportunities"), icon=":material/lightbulb:",
            url_path="opportunities"),
    st.Page("ui/prioritize.py", title=t("Prioritize"), icon=":material/leaderboard:",
            url_path="prioritize"),
    st.Page("ui/canvas_page.py", title=t("Canvas"), icon=":material/dashboard:",
            url_path="canvas"),
    st.Page("ui/export.py", title=t("Export"), icon=":material/download:", url_path="export"),
], position="top")
try:
    navigation.run()
except StoreError as exc:
    # the store failed after the app started (a database gone down, a document damaged on
    # disk): say what and where instead of a traceback; nothing unsaved is kept anyway
    st.error(t("The workspace cannot be read or written: {reason} Reload the page once it "
               "is reachable again.", reason=md(exc)), icon=":material/error:")
