"""Test templates of the generated project (``*.py.tmpl``; only the package name is filled in)."""
