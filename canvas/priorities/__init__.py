"""Priorities: each opportunity scored on six criteria (:mod:`canvas.priorities.scoring`),
and the tables and chart points a page shows and edits (:mod:`canvas.priorities.table`)."""
