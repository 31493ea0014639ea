"""Prioritization, the ML canvas, the YAML spec, the scaffold, the workspace and the CLI.

This package never imports streamlit.
"""
