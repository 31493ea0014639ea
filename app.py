"""mlcanvas workshop app (placeholder until the app issue lands): lists the workspace."""

import streamlit as st

from canvas.store import Workspace

st.set_page_config(page_title="mlcanvas", layout="wide")
workspace = Workspace()
workspace.ensure_seeded()
st.title("mlcanvas")
st.caption("The workshop app is being built; these are the workshops in the workspace.")
for info in workspace.list_workshops():
    st.write(f"**{info.title}** — {info.stickies} stickies (revision {info.revision})")
