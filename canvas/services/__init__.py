"""What the app and the commands call when one action spans several stages.

- :mod:`canvas.services.board`: saving a workshop's board from the app (one edit, one
  revision), its status line, grammar hints per sticky, export file names.
- :mod:`canvas.services.live`: live capture by many people: each change an operation applied
  to the latest board and retried on conflict, per-person undo, who added what, closing the
  board for additions.
- :mod:`canvas.services.opportunities`: a board's opportunities from the detector, and one
  opportunity by the id a user typed.
- :mod:`canvas.services.export`: the spec of one canvas with a person's edits, validated, and
  the scaffold as a zip (uses the spec and scaffold stages together).
"""
