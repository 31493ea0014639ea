"""The JSON Schema (draft 2020-12) of spec v1, generated from the pydantic models.

The same schema is committed at ``schemas/mlcanvas-spec-v1.json`` (a test keeps the two
equal), so editors can validate specs while they are typed: every exported spec starts with
``# yaml-language-server: $schema=<SCHEMA_ID>``. The schema checks the structure; the
cross-field rules (a rule names a defined feature, ...) are left to ``mlcanvas validate``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from canvas.spec.model import SCHEMA_ID, UseCaseSpec

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: Where the published schema is committed, relative to the repository root.
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schemas" / "mlcanvas-spec-v1.json"
#: The first line of every exported spec: editors with the YAML language server validate it.
SCHEMA_COMMENT = f"# yaml-language-server: $schema={SCHEMA_ID}"


def spec_json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`~canvas.spec.model.UseCaseSpec` (validation mode, by alias)."""
    schema = UseCaseSpec.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": DRAFT, "$id": SCHEMA_ID, **{k: v for k, v in schema.items()
                                                  if k not in ("$schema", "$id")}}


def schema_text() -> str:
    """The schema as the committed file holds it: two-space indented JSON and a newline."""
    return json.dumps(spec_json_schema(), indent=2, ensure_ascii=False) + "\n"
