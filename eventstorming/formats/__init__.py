"""Reading and writing boards: the ``.storm`` text format, YAML, Mermaid, the safe YAML
reader, the reader dispatch (:mod:`eventstorming.formats.io`) and the importers of drawing
tools (:mod:`eventstorming.formats.importers`)."""
