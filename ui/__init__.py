"""The Streamlit pages of the workshop app. Thin: every decision lives in eventstorming/ or
canvas/, where it has unit tests."""
