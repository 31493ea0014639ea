"""Templates of the generated project (filled by canvas.scaffold.files)."""
