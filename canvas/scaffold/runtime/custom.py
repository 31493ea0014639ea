"""Your own model, in this one file.

Set ``model: {method: custom, params: {...}}`` in ``params.yaml`` (and ``spec.yaml``) and
``train`` calls :func:`build` with the task and those params. Return any estimator with
``fit(X, y)`` and ``predict(X)``; for classification also ``predict_proba(X)`` to get
scores, uncertain cases to label and probabilities from ``/predict``. ``X`` is the encoded
feature matrix (numbers standardised, categories one-hot, see ``models.py``), ``y`` the
target. Everything else (the registry, champion/challenger, monitoring, the API) stays as
it is. The example below is a random forest; replace it with yours.
"""

from __future__ import annotations

from typing import Any


def build(task: str, params: dict[str, Any]) -> Any:
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor

    kind = RandomForestClassifier if task == "classification" else RandomForestRegressor
    return kind(n_estimators=int(params.get("n_estimators", 100)),
                min_samples_leaf=int(params.get("min_samples_leaf", 1)), random_state=0)
