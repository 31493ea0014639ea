"""The prediction service: ``POST /predict`` and ``GET /health`` (FastAPI).

The request's records go through the same :func:`data.coerce` and
:func:`features.build_features` as the training data. When the spec asks for a decision
log, every prediction is appended to ``logs/decisions.jsonl`` with the time, the request id
(the ``X-Request-ID`` header, else a new one), the entity id (the ``data.id`` column), the
model version, the prediction, its score, and hashes of the input and of the features, so
a decision can be joined to the outcome that arrives later and to its label. A classifier
also answers ``scores`` (the probability of the predicted class) and ``probabilities``.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from . import labels, registry
from .data import DataError, records_frame
from .pipeline import score, settings_of
from .project import DECISIONS, load_params, model_name, required_columns

MAX_RECORDS = 10_000


def _plain(value: Any) -> Any:
    """A prediction as JSON can carry it: NaN and infinities (JSON has neither) as null."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def input_hash(record: dict[str, Any]) -> str:
    text = json.dumps(record, sort_keys=True, default=str, ensure_ascii=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def feature_hash(row: dict[str, Any]) -> str:
    return input_hash({k: _plain(v) for k, v in row.items()})


def create_app(root: Path) -> Any:
    """The FastAPI app serving the champion model of the project in ``root``. The model
    version carries its own features and column contract, so it serves the same way
    whatever ``params.yaml`` says today."""
    from fastapi import Body, FastAPI, Header, HTTPException

    params = load_params(root)
    model = registry.serving_model(root, model_name(params))
    settings = settings_of(params, model)
    needed = required_columns(settings, with_target=False)
    id_column = params.get("data", {}).get("id")
    log_decisions = bool(params.get("governance", {}).get("decision_log", False))
    lock = threading.Lock()
    app = FastAPI(title=model_name(params), version=model["version"])

    @app.get("/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "model": model_name(params), "model_version": model["version"]}

    @app.post("/predict")
    def predict(payload: Any = Body(...),  # noqa: B008
                x_request_id: str | None = Header(default=None)) -> dict[str, Any]:  # noqa: B008
        records = payload.get("records") if isinstance(payload, dict) else payload
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise HTTPException(422, "send a JSON list of records (objects), or "
                                     "{\"records\": [...]}")
        if len(records) > MAX_RECORDS:
            raise HTTPException(413, f"at most {MAX_RECORDS} records per request")
        try:
            data = records_frame(records, settings["data"]["columns"], needed)
        except DataError as exc:
            raise HTTPException(422, str(exc)) from None
        request_id = x_request_id or uuid.uuid4().hex
        scored = score(params, model, data)
        predictions = [_plain(v) for v in scored["predictions"].tolist()]
        scores = None if scored["scores"] is None else [_plain(v) for v in scored["scores"]]
        probabilities = None
        if scored["probabilities"] is not None:
            names = {str(labels.key(k)): v for k, v in scored["probabilities"].items()}
            probabilities = [{k: _plain(v[i]) for k, v in names.items()}
                             for i in range(len(predictions))]
        if log_decisions:
            now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            rows = scored["features"].to_dict("records")
            lines = [json.dumps({
                "time": now, "request_id": request_id,
                "entity_id": None if not id_column or record.get(id_column) is None
                else str(record.get(id_column)),
                "model_version": model["version"], "input_sha256": input_hash(record),
                "feature_sha256": feature_hash(row), "prediction": prediction,
                "label": labels.key(prediction),
                "score": None if scores is None else scores[i]}, default=str)
                for i, (record, row, prediction) in enumerate(zip(records, rows, predictions,
                                                                   strict=True))]
            path = root / DECISIONS
            path.parent.mkdir(parents=True, exist_ok=True)
            with lock, path.open("a", encoding="utf-8") as log:
                log.write("".join(line + "\n" for line in lines))
        answer = {"model_version": model["version"], "request_id": request_id,
                  "predictions": predictions}
        if scores is not None:
            answer.update(scores=scores, probabilities=probabilities)
        return answer

    return app
