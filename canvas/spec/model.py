"""Spec v1: one ML use case as validated YAML (``apiVersion: mlcanvas/v1``).

The field names are fixed by DESIGN.md ("Spec v1"). Every model refuses unknown keys, so a
misspelled key is an error rather than a silently ignored setting. Cross-field rules (a rule
names a feature the spec defines, a feature reads a column the data has, ...) are checked
in :meth:`UseCaseSpec._cross_checks` with the field path of each problem.

No spec value is ever evaluated as code: conditions are data, interpreted by
:func:`evaluate_condition`.
"""

from __future__ import annotations

import difflib
import math
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from eventstorming.model import clean_text

API_VERSION = "mlcanvas/v1"
KIND = "UseCaseSpec"
SCHEMA_ID = "https://mlcanvas.dev/schemas/mlcanvas-spec-v1.json"
#: Validation context key: validate the fields only and leave :func:`cross_check` to the
#: caller, which then reports each cross-field problem with its own path (``mlcanvas validate``).
SKIP_CROSS_CHECK = "skip_cross_check"

Task = Literal["classification", "regression", "forecasting", "ranking",
               "anomaly_detection", "extraction", "clustering"]
TASKS: tuple[str, ...] = Task.__args__  # type: ignore[attr-defined]
ColumnType = Literal["number", "integer", "text", "category", "boolean", "datetime"]
BaselineMethod = Literal["rules", "majority", "mean", "median", "seasonal_naive", "zscore",
                         "popularity"]
ModelMethod = Literal["logistic_regression", "gradient_boosting", "linear_regression", "ridge",
                      "custom"]
#: The trained models the scaffold can fit per task (``model.method``).
MODEL_METHODS: dict[str, tuple[str, ...]] = {
    "classification": ("logistic_regression", "gradient_boosting", "custom"),
    "regression": ("linear_regression", "ridge", "gradient_boosting", "custom"),
}
#: Each method's parameters and what they hold: a kind ("number", "whole", "bool") or the
#: list of allowed values. ``custom`` takes any parameter (they are passed to your code).
MODEL_PARAMS: dict[str, dict[str, Any]] = {
    "logistic_regression": {"C": "positive", "max_iter": "whole",
                            "class_weight": ["balanced", None]},
    "gradient_boosting": {"learning_rate": "positive", "max_iter": "whole",
                          "max_depth": "whole", "max_leaf_nodes": "whole",
                          "min_samples_leaf": "whole", "l2_regularization": "number"},
    "linear_regression": {"fit_intercept": "bool"},
    "ridge": {"alpha": "number", "fit_intercept": "bool"},
}
#: The figure a challenger is compared on when ``evaluation.promotion.metric`` is not set
#: and there is no acceptance bar.
MAIN_METRIC: dict[str, str] = {
    "classification": "macro_f1", "regression": "mae", "forecasting": "mae",
    "anomaly_detection": "f1", "ranking": "precision_at_k", "extraction": "exact_match",
    "clustering": "silhouette",
}
OPERATORS: tuple[str, ...] = ("eq", "ne", "gt", "ge", "lt", "le", "in", "not_in",
                              "contains_any", "matches", "is_null")
#: Which baseline methods the scaffold can run for which task (``mlcanvas validate`` and
#: ``mlcanvas scaffold`` both refuse any other pairing).
METHODS_FOR_TASK: dict[str, tuple[str, ...]] = {
    "classification": ("rules", "majority"),
    "regression": ("rules", "mean", "median"),
    "forecasting": ("rules", "mean", "median", "seasonal_naive"),
    "ranking": ("rules", "popularity"),
    "anomaly_detection": ("rules", "zscore", "majority"),
    "extraction": ("rules", "majority"),
    "clustering": ("rules",),
}
#: Tasks whose prediction is a number (a rule must predict a number there).
NUMERIC_TASKS: frozenset[str] = frozenset({"regression", "forecasting", "ranking"})
#: The figures the scaffold's ``evaluate`` reports per task (``reports/metrics.json``): what
#: an acceptance bar can name. Names ending in ``.`` reach into a nested figure
#: (``per_class.fuel.recall``); ranking also has ``precision_at_<k>``.
TASK_METRICS: dict[str, tuple[str, ...]] = {
    "classification": ("accuracy", "macro_f1", "per_class."),
    "regression": ("mae", "rmse", "mape"),
    "forecasting": ("mae", "smape", "mape", "naive_mae", "naive_smape", "mae_vs_naive"),
    "anomaly_detection": ("precision", "recall", "f1", "flagged_rate", "anomaly_rate"),
    "ranking": ("precision_at_k", "relevant_rate"),
    "extraction": ("exact_match", "fields."),
    "clustering": ("n_clusters", "largest_cluster_share", "silhouette", "cluster_sizes."),
}
#: Transforms whose result is a number whatever column they read.
NUMERIC_TRANSFORMS: frozenset[str] = frozenset({"length", "year", "month", "weekday", "hour",
                                                "log1p", "abs"})
CANVAS_BOXES: tuple[str, ...] = (
    "value_proposition", "prediction_task", "decisions", "impact_simulation",
    "making_predictions", "data_collection", "data_sources", "building_models", "features",
    "monitoring",
)

def _clean(value: Any) -> Any:
    """A text cleaned as the board model cleans it; lists of texts and mappings of scalars
    item by item; anything else as it is (nested models clean their own fields)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_text(v) if isinstance(v, str) else v for v in value]
    if isinstance(value, dict) and all(not isinstance(v, dict | list) for v in value.values()):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


#: Distributions a generated project installs: its dependencies and theirs (pandas, numpy,
#: pyyaml, fastapi, uvicorn, pyarrow; pytest and httpx for its tests) and the installer's
#: own, by their normalised names. A use case named like one would replace it on
#: ``pip install -e .``. (Module names they bring are avoided by the scaffold's package
#: name: :data:`canvas.scaffold.generate.SHADOWED`.)
DEPENDENCY_DISTRIBUTIONS: frozenset[str] = frozenset({
    "annotated-doc", "annotated-types", "anyio", "certifi", "click", "colorama", "dvc",
    "exceptiongroup", "fastapi", "h11", "h2", "hpack", "httpcore", "httptools", "httpx",
    "hyperframe", "idna", "iniconfig", "numpy", "opentelemetry-api", "packaging", "pandas",
    "pip", "pluggy", "py", "pyarrow", "pydantic", "pydantic-core", "pygments", "pytest",
    "python-dateutil",
    "python-dotenv", "pytz", "pyyaml", "setuptools", "six", "sniffio", "starlette", "tomli",
    "typing-extensions", "typing-inspection", "tzdata", "uvicorn", "uvloop", "watchfiles",
    "websockets", "wheel",
})
#: Most values (mappings, lists and scalars, counted one each) one spec may hold.
MAX_SPEC_VALUES = 5_000
#: Folders the generated pipeline writes into: never a place for the raw data.
GENERATED_FOLDERS: tuple[str, ...] = ("data/prepared", "models", "reports")
#: Most quantifiers of variable length (``*``, ``+``, ``?``, ``{2,5}``) one pattern may have.
MAX_VARIABLE_QUANTIFIERS = 4


def backtracking_risk(pattern: str) -> str | None:
    """Why a regular expression could take exponential time on some text, or ``None``.

    Python's ``re`` backtracks, so ``(a+)+$`` on 30 ``a`` and a ``b`` runs for minutes.
    Refused, from the parsed pattern: a quantifier of variable length inside another
    quantifier (nested quantifiers), an alternation inside a repeated group (``(a|ab)*``;
    single characters ``(a|b)*`` are a character class and fine), backreferences, and more
    than :data:`MAX_VARIABLE_QUANTIFIERS` variable quantifiers in all. What is left matches
    in polynomial time of small degree.
    """
    from re import _constants as sre  # the parser re itself uses (Python 3.11+)
    from re import _parser as parser

    try:
        tree = parser.parse(pattern)
    except Exception:  # noqa: BLE001 - re.compile has already said what is wrong
        return None
    repeats = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)}
    variable = 0
    stack: list[tuple[Any, bool]] = [(tree, False)]
    while stack:
        items, repeated = stack.pop()
        for op, av in items:
            if op in repeats:
                low, high, sub = av
                if low != high:
                    variable += 1
                    if repeated:
                        return ("has nested quantifiers such as (a+)+, which can take "
                                "exponential time; quantify the inner part only")
                stack.append((sub, repeated or high > 1))
            elif op is sre.BRANCH:
                if repeated:
                    return ("repeats an alternation such as (a|ab)*, which can take "
                            "exponential time; use a character class [ab] or one "
                            "quantified part")
                stack.extend((branch, repeated) for branch in av[1])
            elif op is sre.SUBPATTERN:
                stack.append((av[-1], repeated))
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                stack.append((av[1], repeated))
            elif op is getattr(sre, "ATOMIC_GROUP", None):
                stack.append((av, repeated))
            elif op in (sre.GROUPREF, sre.GROUPREF_EXISTS,
                        getattr(sre, "GROUPREF_IGNORE", None)):
                return "uses a backreference (\\1), which can take exponential time"
    if variable > MAX_VARIABLE_QUANTIFIERS:
        return (f"has {variable} quantifiers of variable length (*, +, ?, {{m,n}}); at "
                f"most {MAX_VARIABLE_QUANTIFIERS} keep matching fast")
    return None


Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=63)]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=64)]
Scalar = str | int | float | bool
BoxText = str | list[str]


class _Strict(BaseModel):
    # NaN and infinity are refused in every number of a spec: an acceptance bar of .nan
    # can never be met, a threshold of .inf never crossed.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _clean_texts(cls, data: Any) -> Any:
        """Texts enter a spec without control characters (a NUL would reach the generated
        README and model card, an ESC sequence the terminal) or lone surrogates."""
        if isinstance(data, dict):
            return {_clean(key): _clean(value) for key, value in data.items()}
        return data


class Metadata(_Strict):
    name: Name = Field(description="Slug of the use case; also the generated package name.")

    @field_validator("name")
    @classmethod
    def _not_a_dependency(cls, value: str) -> str:
        if value in DEPENDENCY_DISTRIBUTIONS:
            raise ValueError(f"'{value}' is a package the generated project installs; a "
                             f"project of that name would replace it on 'make install' — "
                             f"name the use case, e.g. '{value}-prediction'")
        return value
    title: str = Field(min_length=1)
    board: str | None = None
    opportunity: str | None = None
    owner: str | None = None
    risk: Literal["low", "medium", "high"] = "medium"


class Canvas(_Strict):
    """The ten boxes of the Machine Learning Canvas, each a text or a list of texts."""

    value_proposition: BoxText = ""
    prediction_task: BoxText = ""
    decisions: BoxText = ""
    impact_simulation: BoxText = ""
    making_predictions: BoxText = ""
    data_collection: BoxText = ""
    data_sources: BoxText = ""
    building_models: BoxText = ""
    features: BoxText = ""
    monitoring: BoxText = ""


class Prediction(_Strict):
    task: Task
    entity: str = Field(min_length=1)
    target: Identifier | None = None
    classes: list[Scalar] | None = None
    wait: str = "immediate"
    horizon: int | None = Field(default=None, ge=1, description="Forecasting: steps ahead.")
    group: Identifier | None = Field(default=None, description="Ranking: the column whose rows "
                                     "are ranked together (a query, a visit, a session).")

    @model_validator(mode="after")
    def _target_needed(self) -> Prediction:
        if self.task != "clustering" and self.target is None:
            raise ValueError(f"a {self.task} spec needs prediction.target, the column that "
                             f"holds the truth")
        if self.classes is not None and len(set(map(str, self.classes))) != len(self.classes):
            raise ValueError("prediction.classes has duplicates")
        return self


class Column(_Strict):
    name: Identifier
    type: ColumnType


class Data(_Strict):
    source: str = Field(min_length=1, description="CSV or Parquet file, relative to the "
                                                  "project.")
    timestamp: Identifier | None = None
    id: Identifier | None = Field(default=None, description="The column that names each "
                                  "entity (a receipt number): the decision log, the labels "
                                  "and later outcomes are joined on it.")
    columns: list[Column] = Field(min_length=1)

    @field_validator("source")
    @classmethod
    def _relative_data_file(cls, value: str) -> str:
        parts = re.split(r"[\\/]", value)
        if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value) or ".." in parts:
            raise ValueError("must be a path inside the project (relative, without '..')")
        if not re.search(r"\.(csv|parquet)$", value, re.I):
            raise ValueError("must be a .csv or .parquet file")
        if not all(re.fullmatch(r"[A-Za-z0-9_.\-]+", p) for p in parts if p):
            raise ValueError("may contain only letters, digits, '_', '-', '.' and '/'")
        inside = "/".join(p for p in parts if p not in ("", ".")).casefold()
        for output in GENERATED_FOLDERS:
            if inside.startswith(output + "/"):
                raise ValueError(f"must not be inside {output}/, which the pipeline "
                                 f"overwrites on every run; keep the raw data in data/")
        return value


class Feature(_Strict):
    name: Identifier
    from_: Identifier = Field(alias="from")
    transform: Literal["identity", "lowercase", "uppercase", "strip", "log1p", "abs",
                       "length", "year", "month", "weekday", "hour"] | None = None


# --------------------------------------------------------------------------- conditions

class FeatureCondition(_Strict):
    """``{feature: F, OP: value}`` with exactly one operator."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              json_schema_extra={"minProperties": 2, "maxProperties": 2})

    feature: Identifier
    eq: Scalar | None = None
    ne: Scalar | None = None
    gt: float | None = None
    ge: float | None = None
    lt: float | None = None
    le: float | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    not_in: list[Scalar] | None = None
    contains_any: list[str] | None = None
    matches: str | None = None
    is_null: bool | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> FeatureCondition:
        used = self.operators()
        if len(used) != 1:
            named = ", ".join(used) if used else "none"
            raise ValueError(f"a condition needs exactly one operator of "
                             f"{', '.join(OPERATORS)} (found {named})")
        if self.matches is not None:
            if len(self.matches) > 200:
                raise ValueError("'matches' patterns are limited to 200 characters")
            try:
                re.compile(self.matches)
            except re.error as exc:
                raise ValueError(f"'matches' is not a valid regular expression: {exc}") from None
            except (RecursionError, OverflowError, MemoryError):
                raise ValueError("'matches' is nested too deeply to be used") from None
            if problem := backtracking_risk(self.matches):
                raise ValueError(f"'matches' {problem}")
        return self

    def operators(self) -> list[str]:
        return [op for op in OPERATORS
                if getattr(self, "in_" if op == "in" else op) is not None]

    @property
    def operator(self) -> str:
        return self.operators()[0]

    @property
    def value(self) -> Any:
        return getattr(self, "in_" if self.operator == "in" else self.operator)


class AllCondition(_Strict):
    all: list[Condition] = Field(min_length=1)


class AnyCondition(_Strict):
    any: list[Condition] = Field(min_length=1)


class NotCondition(_Strict):
    not_: Condition = Field(alias="not")


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return {AllCondition: "all", AnyCondition: "any", NotCondition: "not"}.get(
            type(value), "feature")
    if not isinstance(value, dict):
        return None
    for key in ("all", "any", "not"):
        if key in value:
            return key
    return "feature"


Condition = Annotated[
    Annotated[FeatureCondition, Tag("feature")]
    | Annotated[AllCondition, Tag("all")]
    | Annotated[AnyCondition, Tag("any")]
    | Annotated[NotCondition, Tag("not")],
    Discriminator(_condition_tag, custom_error_type="condition",
                  custom_error_message="a condition is a mapping: {feature: F, OP: value}, "
                                       "{all: [...]}, {any: [...]} or {not: {...}}"),
]


class Linear(_Strict):
    intercept: float = 0.0
    terms: dict[Identifier, float] = Field(default_factory=dict)


class LinearPrediction(_Strict):
    linear: Linear


class Rule(_Strict):
    when: Condition
    predict: Scalar | LinearPrediction


class Baseline(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              json_schema_extra={
                                  "if": {"properties": {"method": {"const": "rules"}}},
                                  "then": {"required": ["rules", "default"]}})

    method: BaselineMethod
    rules: list[Rule] | None = None
    default: Scalar | LinearPrediction | None = Field(
        default=None, description="What to predict when no rule matches: the same forms as a "
                                  "rule's predict (a constant, or {linear: ...} for numbers).")
    threshold: float | None = Field(default=None, gt=0,
                                    description="zscore: flag |z| above this (default 3).")
    season_length: int | None = Field(default=None, ge=1,
                                      description="seasonal_naive: steps per season.")
    k: int | None = Field(default=None, ge=1, description="popularity: how many to rank.")

    @model_validator(mode="after")
    def _rules_for_rules(self) -> Baseline:
        if self.method == "rules" and not self.rules:
            raise ValueError("method 'rules' needs at least one rule in baseline.rules")
        if self.method == "rules" and self.default is None:
            raise ValueError("method 'rules' needs a default: what to predict when no rule "
                             "matches")
        return self


class Split(_Strict):
    method: Literal["random", "time"] = "random"
    test_size: float = Field(default=0.2, gt=0, lt=1)
    seed: int = 42


class Promotion(_Strict):
    """When a newly trained version takes over from the champion."""

    metric: str | None = Field(default=None, description="The figure both are compared on "
                               "(default: the first acceptance metric, else the task's main "
                               "metric).")
    margin: float = Field(default=0.01, ge=0, description="How much better than the "
                          "champion a challenger must score on the same test set.")


class Evaluation(_Strict):
    split: Split = Field(default_factory=Split)
    metrics: list[str] = Field(default_factory=list)
    acceptance: dict[str, float] = Field(default_factory=dict)
    promotion: Promotion = Field(default_factory=Promotion)


def _model_schema(schema: dict[str, Any]) -> None:
    """Editors see unknown parameters too: each method names the parameters it takes."""
    schema["allOf"] = [
        {"if": {"properties": {"method": {"const": method}}},
         "then": {"properties": {"params": {"propertyNames": {"enum": list(known)}}}}}
        for method, known in MODEL_PARAMS.items()]


class Model(_Strict):
    """The first trained model: a challenger to the heuristic baseline (scikit-learn)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              json_schema_extra=_model_schema)

    method: ModelMethod = Field(description="custom: your own estimator in PACKAGE/custom.py.")
    params: dict[Identifier, Scalar | None] = Field(default_factory=dict)


class Serving(_Strict):
    mode: Literal["batch", "realtime"] = "batch"
    latency_ms: int | None = Field(default=None, gt=0)


class Drift(_Strict):
    method: Literal["psi"] = "psi"
    warn: float = Field(default=0.1, gt=0)
    alert: float = Field(default=0.25, gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> Drift:
        if self.alert < self.warn:
            raise ValueError("monitoring.drift.alert must be at least warn")
        return self


class Performance(_Strict):
    metric: str
    min: float | None = None
    max: float | None = None


class Monitoring(_Strict):
    drift: Drift = Field(default_factory=Drift)
    performance: Performance | None = None


class Governance(_Strict):
    decision_log: bool = True
    human_in_the_loop: bool = True


class UseCaseSpec(_Strict):
    """One ML use case: what to predict, from which data, the baseline to beat, and how it is
    evaluated, served, monitored and governed."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              json_schema_extra={"$id": SCHEMA_ID})

    apiVersion: Literal["mlcanvas/v1"] = API_VERSION
    kind: Literal["UseCaseSpec"] = KIND
    metadata: Metadata
    canvas: Canvas = Field(default_factory=Canvas)
    prediction: Prediction
    data: Data
    features: list[Feature] = Field(min_length=1)
    baseline: Baseline
    model: Model | None = None
    evaluation: Evaluation = Field(default_factory=Evaluation)
    serving: Serving = Field(default_factory=Serving)
    monitoring: Monitoring = Field(default_factory=Monitoring)
    governance: Governance = Field(default_factory=Governance)

    @model_validator(mode="before")
    @classmethod
    def _not_too_large(cls, data: Any) -> Any:
        """Refuse a spec of more than :data:`MAX_SPEC_VALUES` values before validating any:
        5,000 rules or a condition of 50,000 alternatives is no baseline, and validating
        them would take seconds each time the Export page runs."""
        count, stack = 0, [data]
        while stack:
            item = stack.pop()
            count += 1
            if count > MAX_SPEC_VALUES:
                raise ValueError(f"the spec holds more than {MAX_SPEC_VALUES:,} values (rules, "
                                 f"conditions, columns, texts); the limit is "
                                 f"{MAX_SPEC_VALUES:,}")
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list | tuple):
                stack.extend(item)
        return data

    @model_validator(mode="after")
    def _cross_checks(self, info: ValidationInfo) -> UseCaseSpec:
        if (info.context or {}).get(SKIP_CROSS_CHECK):
            return self
        problems = cross_check(self)
        if problems:
            raise ValueError("; ".join(f"{path}: {msg}" for path, msg in problems))
        return self

    def column(self, name: str) -> Column | None:
        return next((c for c in self.data.columns if c.name == name), None)

    @property
    def feature_names(self) -> list[str]:
        return [f.name for f in self.features]


def cross_check(spec: UseCaseSpec) -> list[tuple[str, str]]:
    """Problems between fields, each as (field path, message)."""
    problems: list[tuple[str, str]] = []
    columns = {c.name: c for c in spec.data.columns}
    if len(columns) != len(spec.data.columns):
        problems.append(("data.columns", "two columns share a name"))
    if spec.data.timestamp and spec.data.timestamp not in columns:
        problems.append(("data.timestamp", f"'{spec.data.timestamp}' is not a column in "
                                           f"data.columns"))
    if spec.data.id and spec.data.id not in columns:
        problems.append(("data.id", f"'{spec.data.id}' is not a column in data.columns"))
    target = spec.prediction.target
    if target and target not in columns:
        problems.append(("prediction.target", f"'{target}' is not a column in data.columns"))
    group = spec.prediction.group
    if group and group not in columns:
        problems.append(("prediction.group", f"'{group}' is not a column in data.columns"))
    names = [f.name for f in spec.features]
    if len(set(names)) != len(names):
        problems.append(("features", "two features share a name"))
    for i, feature in enumerate(spec.features):
        if feature.from_ not in columns:
            problems.append((f"features[{i}].from",
                             f"'{feature.from_}' is not a column in data.columns"))
        elif target and feature.from_ == target:
            problems.append((f"features[{i}].from",
                             f"'{feature.from_}' is the target: a feature must not read the "
                             f"truth it predicts"))
    if spec.evaluation.split.method == "time" and not spec.data.timestamp:
        problems.append(("evaluation.split.method",
                         "a time split needs data.timestamp"))
    if spec.prediction.task == "forecasting" and not spec.data.timestamp:
        problems.append(("data.timestamp", "forecasting needs a timestamp column"))
    for i, rule in enumerate(spec.baseline.rules or []):
        for path, feature in _condition_features(rule.when, f"baseline.rules[{i}].when"):
            if feature not in names:
                problems.append((path, f"feature '{feature}' is not defined in features"))
        if isinstance(rule.predict, LinearPrediction):
            for term in rule.predict.linear.terms:
                if term not in names:
                    problems.append((f"baseline.rules[{i}].predict.linear.terms.{term}",
                                     f"feature '{term}' is not defined in features"))
    if isinstance(spec.baseline.default, LinearPrediction):
        for term in spec.baseline.default.linear.terms:
            if term not in names:
                problems.append((f"baseline.default.linear.terms.{term}",
                                 f"feature '{term}' is not defined in features"))
    problems += _baseline_problems(spec)
    problems += _model_problems(spec)
    task = spec.prediction.task
    promotion = spec.evaluation.promotion.metric
    named = [(f"evaluation.acceptance.{name}", name) for name in spec.evaluation.acceptance]
    if promotion is not None:
        named.append(("evaluation.promotion.metric", promotion))
    for path, name in named:
        if not _is_task_metric(task, name):
            known = [m.rstrip(".") for m in TASK_METRICS[task]]
            listed = ", ".join(m + "…" if m.endswith(".") else m for m in TASK_METRICS[task])
            guess = closest(name, known)
            hint = f" — did you mean '{guess}'?" if guess else ""
            why = "no challenger could ever be compared on it" if path.endswith(
                ".metric") else "'evaluate' would never find it and always exit 1"
            problems.append((path, f"'{short_text(name)}' is not a {task} metric{hint}; "
                                   f"{why} (expected one of {listed})"))
    return problems


def _model_problems(spec: UseCaseSpec) -> list[tuple[str, str]]:
    """Whether the scaffold can fit ``model``: a method for the task, parameters it knows,
    each of the kind it takes."""
    model, task = spec.model, spec.prediction.task
    if model is None:
        return []
    allowed = MODEL_METHODS.get(task, ())
    if model.method not in allowed:
        expected = f"expected one of {', '.join(allowed)}" if allowed else \
            f"the scaffold trains models for {' and '.join(MODEL_METHODS)} only; remove " \
            f"'model' and keep the baseline"
        return [("model.method", f"'{model.method}' does not fit a {task} task; {expected}")]
    if model.method == "custom":
        return []
    known = MODEL_PARAMS[model.method]
    problems: list[tuple[str, str]] = []
    for name, value in model.params.items():
        path = f"model.params.{name}"
        if name not in known:
            guess = closest(name, list(known))
            hint = f" — did you mean '{guess}'?" if guess else ""
            problems.append((path, f"unknown parameter '{short_text(name)}' of "
                                   f"{model.method}{hint} (expected one of "
                                   f"{', '.join(known)})"))
            continue
        kind = known[name]
        number = None if isinstance(value, bool) else _as_number(value)
        if isinstance(kind, list):
            if value not in kind:
                shown = ", ".join("null" if k is None else str(k) for k in kind)
                problems.append((path, f"expected one of {shown} (found {short_text(value)!r})"))
        elif kind == "bool" and not isinstance(value, bool):
            problems.append((path, f"expected true or false (found {short_text(value)!r})"))
        elif kind in ("number", "positive") and (number is None or not math.isfinite(number)
                                                 or (kind == "positive" and number <= 0)):
            want = "a number above 0" if kind == "positive" else "a number"
            problems.append((path, f"expected {want} (found {short_text(value)!r})"))
        elif kind == "whole" and (number is None or not float(number).is_integer()
                                  or number < 1):
            problems.append((path, f"expected a whole number of at least 1 "
                                   f"(found {short_text(value)!r})"))
    return problems


def promotion_metric(spec: UseCaseSpec) -> str:
    """The figure a challenger must beat the champion on."""
    return spec.evaluation.promotion.metric or next(
        iter(spec.evaluation.acceptance), MAIN_METRIC[spec.prediction.task])


def _is_task_metric(task: str, name: str) -> bool:
    if task == "ranking" and re.fullmatch(r"precision_at_\d+", name):
        return True
    return any(name == m or (m.endswith(".") and name.startswith(m) and len(name) > len(m))
               for m in TASK_METRICS[task])


def _baseline_problems(spec: UseCaseSpec) -> list[tuple[str, str]]:
    """Whether the scaffold can run the baseline: its method fits the task, it has what it
    learns from, and every value it predicts is one the task can hold."""
    problems: list[tuple[str, str]] = []
    task, baseline = spec.prediction.task, spec.baseline
    allowed = METHODS_FOR_TASK[task]
    if baseline.method not in allowed:
        why = " (a clustering spec has no target to learn from: write rules that name the " \
              "segments)" if task == "clustering" else ""
        problems.append(("baseline.method", f"'{baseline.method}' does not fit a {task} task"
                                            f"{why}; expected one of {', '.join(allowed)}"))
    if baseline.method == "zscore" and not any(is_numeric_feature(spec, f)
                                               for f in spec.features):
        problems.append(("baseline.method", "'zscore' needs at least one numeric feature: one "
                         "that reads a number or integer column, or whose transform yields a "
                         f"number ({', '.join(sorted(NUMERIC_TRANSFORMS))}); e.g. "
                         "{name: note_length, from: note, transform: length}"))
    outcomes: list[tuple[str, Any]] = [(f"baseline.rules[{i}].predict", rule.predict)
                                       for i, rule in enumerate(baseline.rules or [])]
    if baseline.default is not None:
        outcomes.append(("baseline.default", baseline.default))
    target = spec.column(spec.prediction.target) if spec.prediction.target else None
    numeric_target = target is not None and target.type in ("number", "integer")
    wrong_type: set[str] = set()
    if task in NUMERIC_TASKS or numeric_target:
        why = (f"a {task} baseline predicts numbers" if task in NUMERIC_TASKS else
               f"the target '{target.name}' is a {target.type} column")  # type: ignore[union-attr]
        for path, value in outcomes:
            if not isinstance(value, LinearPrediction) and _as_number(value) is None:
                problems.append((path, f"{why}, not {short_text(value)!r}"))
                wrong_type.add(path)
    classes = spec.prediction.classes
    if classes and task not in NUMERIC_TASKS:
        names = [str(c) for c in classes]
        keys = {label_key(c) for c in classes}
        listed = ", ".join(short_text(n, 40) for n in names[:8]) + (
            f" and {len(names) - 8} more" if len(names) > 8 else "")
        for path, value in outcomes:
            if path in wrong_type:
                continue
            if isinstance(value, LinearPrediction):
                problems.append((path, f"a {{linear: ...}} prediction is a number, but a {task} "
                                       f"predicts one of prediction.classes ({listed})"))
            elif label_key(value) not in keys:
                guess = closest(str(value), names)
                hint = f" — did you mean '{guess}'?" if guess else ""
                problems.append((path, f"'{short_text(value)}' is not one of prediction.classes"
                                       f"{hint} (expected one of {listed})"))
    return problems


def is_numeric_feature(spec: UseCaseSpec, feature: Feature) -> bool:
    """Whether a feature's values are numbers in the scaffold (what ``zscore`` and the
    clustering silhouette can use): a transform that yields a number, or a number or
    integer column passed through unchanged."""
    if feature.transform in NUMERIC_TRANSFORMS:
        return True
    column = spec.column(feature.from_)
    return feature.transform in (None, "identity") and column is not None and \
        column.type in ("number", "integer")


def label_key(value: Any) -> str | None:
    """A class label as the scaffold compares labels: ``1``, ``1.0`` and ``True`` are the
    same class ``"1"``; text is compared as written."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return str(value)


def closest(word: str, choices: list[str] | tuple[str, ...], cutoff: float = 0.6) -> str | None:
    """The choice a misspelled ``word`` most likely meant (same letters in another case
    first), or None when nothing is close enough."""
    folded = {c.casefold(): c for c in choices}
    if word.casefold() in folded:
        return folded[word.casefold()]
    close = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=cutoff)
    return folded[close[0]] if close else None


def short_text(value: Any, limit: int = 60) -> str:
    """A value for a message: one line, at most ``limit`` characters (never a whole dump)."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _condition_features(condition: Any, path: str) -> list[tuple[str, str]]:
    if isinstance(condition, FeatureCondition):
        return [(f"{path}.feature", condition.feature)]
    if isinstance(condition, AllCondition | AnyCondition):
        key = "all" if isinstance(condition, AllCondition) else "any"
        items = condition.all if key == "all" else condition.any
        return [found for j, sub in enumerate(items)
                for found in _condition_features(sub, f"{path}.{key}[{j}]")]
    if isinstance(condition, NotCondition):
        return _condition_features(condition.not_, f"{path}.not")
    return []


for _model in (AllCondition, AnyCondition, NotCondition, Rule, Baseline, UseCaseSpec):
    _model.model_rebuild()


# --------------------------------------------------------------------------- evaluation

def _is_null(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool) or _is_null(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _same(a: Any, b: Any) -> bool:
    na, nb = _as_number(a), _as_number(b)
    if na is not None and nb is not None:
        return na == nb
    return str(a).casefold() == str(b).casefold()


def evaluate_condition(condition: Any, row: dict[str, Any]) -> bool:
    """Whether a condition holds for one row of feature values (a plain interpreter)."""
    if isinstance(condition, AllCondition):
        return all(evaluate_condition(c, row) for c in condition.all)
    if isinstance(condition, AnyCondition):
        return any(evaluate_condition(c, row) for c in condition.any)
    if isinstance(condition, NotCondition):
        return not evaluate_condition(condition.not_, row)
    value = row.get(condition.feature)
    op, expected = condition.operator, condition.value
    if op == "is_null":
        return _is_null(value) == expected
    if _is_null(value):
        return op in {"ne", "not_in"}
    if op == "eq":
        return _same(value, expected)
    if op == "ne":
        return not _same(value, expected)
    if op in {"gt", "ge", "lt", "le"}:
        number = _as_number(value)
        if number is None:
            return False
        return {"gt": number > expected, "ge": number >= expected,
                "lt": number < expected, "le": number <= expected}[op]
    if op == "in":
        return any(_same(value, item) for item in expected)
    if op == "not_in":
        return not any(_same(value, item) for item in expected)
    if op == "contains_any":
        text = str(value).casefold()
        return any(str(item).casefold() in text for item in expected)
    if op == "matches":
        return re.search(expected, str(value)) is not None
    raise ValueError(f"unknown operator {op!r}")


def apply_rules(baseline: Baseline, row: dict[str, Any]) -> Any:
    """The prediction of a rules baseline for one row: the first matching rule wins."""
    for rule in baseline.rules or []:
        if evaluate_condition(rule.when, row):
            return _outcome(rule.predict, row)
    return _outcome(baseline.default, row)


def _outcome(predict: Any, row: dict[str, Any]) -> Any:
    if isinstance(predict, LinearPrediction):
        linear = predict.linear
        return linear.intercept + sum(weight * (_as_number(row.get(name)) or 0.0)
                                      for name, weight in linear.terms.items())
    return predict
