"""The prediction service: ``POST /predict`` and ``GET /health`` (FastAPI).

The request's records go through the same :func:`data.coerce` and
:func:`features.build_features` as the training data. When the spec asks for a decision
log, every prediction is appended to ``logs/decisions.jsonl`` with the time, the model
version, a hash of the input and the prediction.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from pathlib import Path
from typing import Any

from . import labels, registry
from .data import DataError, records_frame
from .pipeline import predict_frame
from .project import DECISIONS, load_params, model_name, required_columns

MAX_RECORDS = 10_000


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def input_hash(record: dict[str, Any]) -> str:
    text = json.dumps(record, sort_keys=True, default=str, ensure_ascii=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def create_app(root: Path) -> Any:
    """The FastAPI app serving the champion model of the project in ``root``."""
    from fastapi import Body, FastAPI, HTTPException

    params = load_params(root)
    model = registry.serving_model(root, model_name(params))
    needed = required_columns(params, with_target=False)
    log_decisions = bool(params.get("governance", {}).get("decision_log", False))
    lock = threading.Lock()
    app = FastAPI(title=model_name(params), version=model["version"])

    @app.get("/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "model": model_name(params), "model_version": model["version"]}

    @app.post("/predict")
    def predict(payload: Any = Body(...)) -> dict[str, Any]:  # noqa: B008
        records = payload.get("records") if isinstance(payload, dict) else payload
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise HTTPException(422, "send a JSON list of records (objects), or "
                                     "{\"records\": [...]}")
        if len(records) > MAX_RECORDS:
            raise HTTPException(413, f"at most {MAX_RECORDS} records per request")
        try:
            data = records_frame(records, params["data"]["columns"], needed)
        except DataError as exc:
            raise HTTPException(422, str(exc)) from None
        _, predicted = predict_frame(params, model, data)
        predictions = [_plain(v) for v in predicted.tolist()]
        if log_decisions:
            now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            lines = [json.dumps({"time": now, "model_version": model["version"],
                                 "input_sha256": input_hash(record), "prediction": prediction,
                                 "label": labels.key(prediction)}, default=str)
                     for record, prediction in zip(records, predictions, strict=True)]
            path = root / DECISIONS
            path.parent.mkdir(parents=True, exist_ok=True)
            with lock, path.open("a", encoding="utf-8") as log:
                log.write("".join(line + "\n" for line in lines))
        return {"model_version": model["version"], "predictions": predictions}

    return app
