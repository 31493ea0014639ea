"""What the app and the commands call when one action spans several stages.

- :mod:`canvas.services.board`: saving a workshop's board from the app (one edit, one
  revision), its status line, grammar hints per sticky, export file names.
- :mod:`canvas.services.opportunities`: a board's opportunities from the detector, and one
  opportunity by the id a user typed.
- :mod:`canvas.services.export`: the spec of one canvas with a person's edits, validated, and
  the scaffold as a zip (uses the spec and scaffold stages together).
"""
