"""mlcanvas workshop app: ``streamlit run app.py``.

Builds the navigation; each page is a module under ``ui/``. The workspace is the PostgreSQL
database ``MLCANVAS_DATABASE_URL`` names (a team server), else the folder
``MLCANVAS_WORKSPACE`` points at (default ``./workspace``), seeded with the examples on first
start.
"""

import streamlit as st

from ui.common import seed_workspace

st.set_page_config(page_title="mlcanvas", page_icon="🟧", layout="wide")
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:3.2rem}</style>")
seed_workspace()
navigation = st.navigation([
    st.Page("ui/workshops.py", title="Workshops", icon=":material/groups:",
            url_path="workshops", default=True),
    st.Page("ui/board.py", title="Board", icon=":material/view_timeline:", url_path="board"),
    st.Page("ui/opportunities.py", title="Opportunities", icon=":material/lightbulb:",
            url_path="opportunities"),
    st.Page("ui/prioritize.py", title="Prioritize", icon=":material/leaderboard:",
            url_path="prioritize"),
    st.Page("ui/canvas_page.py", title="Canvas", icon=":material/dashboard:",
            url_path="canvas"),
    st.Page("ui/export.py", title="Export", icon=":material/download:", url_path="export"),
], position="top")
navigation.run()
