"""The workspace: revisioned workshop documents (:mod:`canvas.workspace.store`) and what a
product owner decided about the opportunities (:mod:`canvas.workspace.decisions`)."""
