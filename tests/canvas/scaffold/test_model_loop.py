"""Issue 12: the generated project's loop from heuristic to first model, safely.

One regression test per numbered problem of the issue (``test_problem_N_...``), and the
"done when" journey: the iris project goes from a heuristic to a logistic regression that
becomes champion only when it is better, the uncertain cases are labelled and the model
retrained, every step versioned, and the project's own tests pass.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from fastapi.testclient import TestClient

from canvas.commands.cli import main as mlcanvas
from canvas.scaffold import scaffold
from canvas.scaffold.files import stage_code
from canvas.scaffold.runtime import cli, drift, pipeline, registry
from canvas.scaffold.runtime.api import create_app
from canvas.spec.model import UseCaseSpec

SPECS = Path(__file__).parents[1] / "fixtures" / "specs"
#: Per species: the mean and standard deviation of the four measurements of Fisher's iris
#: data (sepal length, sepal width, petal length, petal width), for data like it.
IRIS = {"setosa": ([5.006, 3.428, 1.462, 0.246], [0.352, 0.379, 0.174, 0.105]),
        "versicolor": ([5.936, 2.770, 4.260, 1.326], [0.516, 0.314, 0.470, 0.198]),
        "virginica": ([6.588, 2.974, 5.552, 2.026], [0.636, 0.322, 0.552, 0.275])}
MEASURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def iris_rows(per_species: int, seed: int, start: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    parts = []
    for species, (mean, sd) in IRIS.items():
        values = np.round(rng.normal(mean, sd, size=(per_species, 4)).clip(0.1), 1)
        part = pd.DataFrame(values, columns=MEASURES)
        part["species"] = species
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True).sample(frac=1, random_state=seed)
    frame.insert(0, "flower_id", [f"f{start + i:05d}" for i in range(len(frame))])
    return frame.reset_index(drop=True)


def iris_spec(**extra: object) -> dict:
    spec = {
        "apiVersion": "mlcanvas/v1", "kind": "UseCaseSpec",
        "metadata": {"name": "iris-species", "title": "Tell the iris species"},
        "prediction": {"task": "classification", "entity": "flower", "target": "species",
                       "classes": list(IRIS)},
        "data": {"source": "data/iris.csv", "id": "flower_id",
                 "columns": [{"name": "flower_id", "type": "text"}]
                 + [{"name": m, "type": "number"} for m in MEASURES]
                 + [{"name": "species", "type": "category"}]},
        "features": [{"name": m, "from": m} for m in MEASURES],
        "baseline": {"method": "rules", "default": "versicolor",
                     "rules": [{"when": {"feature": "petal_length", "lt": 2.5},
                                "predict": "setosa"}]},
        "evaluation": {"split": {"method": "random", "test_size": 0.25, "seed": 7},
                       "acceptance": {"macro_f1": 0.5},
                       "promotion": {"metric": "macro_f1", "margin": 0.02}},
        "monitoring": {"performance": {"metric": "macro_f1", "min": 0.5}},
        "governance": {"decision_log": True, "human_in_the_loop": True},
    }
    spec.update(extra)
    return spec


def write_yaml(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def edit_params(root: Path, change) -> None:
    for name in ("params.yaml", "spec.yaml"):
        data = yaml.safe_load((root / name).read_text())
        change(data)
        write_yaml(root / name, data)


def project(tmp_path: Path, spec: dict, rows: pd.DataFrame, name: str = "p") -> Path:
    data = tmp_path / f"{name}.csv"
    rows.to_csv(data, index=False)
    out = tmp_path / name
    scaffold(UseCaseSpec.model_validate(spec), out, data=data)
    return out


def run_pipeline(root: Path) -> dict:
    pipeline.prepare(root)
    trained = pipeline.train(root)
    return {**pipeline.evaluate(root), "trained": trained}


# --------------------------------------------------------------------------- problems


def test_problem_1_update_never_replaces_data_it_did_not_make(tmp_path: Path) -> None:
    rows = iris_rows(20, seed=1)
    root = project(tmp_path, iris_spec(), rows)
    mine = (root / "data/iris.csv").read_bytes()
    spec = write_yaml(tmp_path / "spec.yaml", iris_spec(model={"method": "logistic_regression"}))
    assert mlcanvas(["scaffold", str(spec), str(root), "--update"]) == 0
    assert (root / "data/iris.csv").read_bytes() == mine
    assert "model" in yaml.safe_load((root / "params.yaml").read_text())
    # a synthetic sample replaced by hand is the team's data from then on
    sample = tmp_path / "sample"
    scaffold(UseCaseSpec.model_validate(iris_spec()), sample)
    assert len(pd.read_csv(sample / "data/iris.csv")) == 1000
    rows.to_csv(sample / "data/iris.csv", index=False)
    again = scaffold(UseCaseSpec.model_validate(iris_spec()), sample, update=True)
    assert len(pd.read_csv(sample / "data/iris.csv")) == len(rows)
    assert any("kept as it is" in note for note in again.notes)
    # labels the loop imported are never touched either
    (root / "data/labels.csv").write_text("case_id,species\nf1,setosa\n")
    scaffold(UseCaseSpec.model_validate(iris_spec()), root, update=True)
    assert "f1,setosa" in (root / "data/labels.csv").read_text()


def test_problem_2_a_worse_challenger_is_not_promoted(tmp_path: Path) -> None:
    root = project(tmp_path, iris_spec(model={"method": "logistic_regression"}),
                   iris_rows(60, seed=2))
    first = run_pipeline(root)
    champion = first["champion"]
    assert first["kind"] == "model" and champion == first["trained"]["challenger"]
    edit_params(root, lambda p: p["model"].update(params={"C": 1e-5}))  # a weak model
    weak = run_pipeline(root)
    decision = next(d for d in weak["promotion"]["decisions"]
                    if d["candidate"] == weak["trained"]["challenger"])
    assert not decision["promoted"]
    assert registry.champion(root, "iris-species") == champion
    assert f"does not beat champion {champion}" in decision["reason"] or \
        "misses the acceptance bar" in decision["reason"]
    logged = registry.decisions(root, "iris-species")[-1]
    assert logged["champion_after"] == champion and logged["decisions"][-1]["reason"] == \
        decision["reason"]


def test_problem_3_a_stored_version_predicts_on_its_own(tmp_path: Path) -> None:
    root = project(tmp_path, iris_spec(model={"method": "gradient_boosting",
                                              "params": {"max_iter": 20}}),
                   iris_rows(40, seed=3))
    run_pipeline(root)
    before = pipeline.predict(root, root / "data/prepared/test.csv", tmp_path / "a.csv")

    def rename(p: dict) -> None:
        p["features"][2]["name"] = "petal_len"
        p["baseline"]["rules"][0]["when"]["feature"] = "petal_len"
    edit_params(root, rename)
    after = pipeline.predict(root, root / "data/prepared/test.csv", tmp_path / "b.csv")
    assert before["model_version"] == after["model_version"]
    assert pd.read_csv(tmp_path / "a.csv").equals(pd.read_csv(tmp_path / "b.csv"))
    record = {m: 1.4 for m in MEASURES}
    response = TestClient(create_app(root)).post("/predict", json=[record])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["predictions"] == ["setosa"]
    assert 0.5 < body["scores"][0] <= 1 and set(body["probabilities"][0]) == set(IRIS)


def test_problem_4_drift_does_not_cry_wolf_and_sees_new_codes(tmp_path: Path) -> None:
    rng = np.random.default_rng(4)
    n = 3000
    codes = np.array([f"S{i:04d}" for i in rng.integers(0, 400, n)])
    frame = pd.DataFrame({"store": codes, "amount": np.round(rng.gamma(2, 30, n), 2),
                          "weekday": rng.integers(0, 7, n).astype(float)})
    reference = drift.profile(frame, np.where(frame["amount"] > 60, "big", "small"))
    assert reference["features"]["store"]["kind"] == "high_cardinality"
    alarms = 0
    for trial in range(60):
        batch = frame.sample(30, random_state=trial)
        report = drift.compare(reference, batch,
                               np.where(batch["amount"] > 60, "big", "small"), 0.1, 0.25)
        alarms += report["status"] in ("warn", "alert")
    assert alarms <= 3, f"{alarms} of 60 batches drawn from the training data raised an alarm"
    new = frame.sample(200, random_state=1).assign(
        store=[f"X{i:04d}" for i in range(200)])
    report = drift.compare(reference, new, np.where(new["amount"] > 60, "big", "small"),
                           0.1, 0.25)
    assert report["features"]["store"]["status"] == "alert"
    assert report["features"]["store"]["new_values"]["share"] == 1.0
    few = drift.compare(reference, frame.head(5), np.array(["small"] * 5), 0.1, 0.25)
    assert few["status"] == "unknown"


def test_problem_5_monitor_exit_codes_and_the_labeling_loop(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture
                                                           ) -> None:
    root = project(tmp_path, iris_spec(), iris_rows(40, seed=5))
    run_pipeline(root)
    args = ["--root", str(root), "monitor", "--input"]
    assert cli.main(args + [str(root / "data/prepared/train.csv")]) == 0
    shifted = iris_rows(20, seed=6)
    shifted[MEASURES] = shifted[MEASURES] * 3 + 5
    shifted.to_csv(tmp_path / "shifted.csv", index=False)
    assert cli.main(args + [str(tmp_path / "shifted.csv")]) == 2
    assert cli.main(args + [str(tmp_path / "missing.csv")]) == 3
    (tmp_path / "bad.csv").write_text("sepal_length,petal_length\nx,y\n")
    assert cli.main(args + [str(tmp_path / "bad.csv")]) == 3
    assert "could not check" in capsys.readouterr().err
    # performance joined to outcomes that arrive later, through the decision log
    new = iris_rows(10, seed=7, start=90_000)
    client = TestClient(create_app(root))
    assert client.post("/predict", json=json.loads(new.drop(columns="species").to_json(
        orient="records")), headers={"X-Request-ID": "req-1"}).status_code == 200
    entry = json.loads((root / "logs/decisions.jsonl").read_text().splitlines()[0])
    assert entry["request_id"] == "req-1" and entry["entity_id"] == new["flower_id"][0]
    assert {"model_version", "score", "feature_sha256"} <= set(entry)
    new[["flower_id", "species"]].to_csv(tmp_path / "outcomes.csv", index=False)
    report = pipeline.monitor(root, root / "data/prepared/test.csv",
                              outcomes=tmp_path / "outcomes.csv")
    assert report["outcomes"]["rows"] == 30 and report["outcomes"]["joined_on"] == "flower_id"
    assert report["outcomes"]["status"] in ("ok", "alert")


class ConstantModel:
    """An estimator of one's own (not from scikit-learn)."""

    def fit(self, x: np.ndarray, y: np.ndarray) -> ConstantModel:
        self.classes_ = np.array(sorted(set(y)))
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        return np.array([self.classes_[0]] * len(x))


def test_problem_6_a_model_plugs_in_and_scores(tmp_path: Path) -> None:
    root = project(tmp_path, iris_spec(model={"method": "custom", "params": {
        "n_estimators": 10}}), iris_rows(40, seed=8))
    report = run_pipeline(root)
    assert report["kind"] == "model" and report["method"] == "custom"
    version = report["trained"]["challenger"]
    model = registry.load(root, "iris-species", version)
    assert type(model["_estimator"]).__name__ == "RandomForestClassifier"
    assert (root / "models/registry/iris-species" / version / "estimator.joblib").exists()
    scored = pipeline.predict(root, root / "data/prepared/test.csv", tmp_path / "s.csv")
    out = pd.read_csv(tmp_path / "s.csv")
    assert {"score", "proba_setosa", "proba_versicolor", "proba_virginica"} <= set(out.columns)
    assert np.allclose(out[[f"proba_{s}" for s in IRIS]].sum(axis=1), 1.0)
    assert scored["model_version"] == version
    generated = (root / "README.md").read_text()
    assert "Your own model in one file" in generated and "iris_species/custom.py" in generated


def test_problem_7_versioning_holds(tmp_path: Path) -> None:
    spec = iris_spec(model={"method": "logistic_regression"})
    rows = iris_rows(40, seed=9)
    first, second = project(tmp_path, spec, rows, "a"), project(tmp_path, spec, rows, "b")
    run_pipeline(first)
    run_pipeline(second)
    folder = Path("models/registry/iris-species")
    for path in sorted((first / folder).rglob("*")):
        if path.is_file():
            twin = second / path.relative_to(first)
            assert path.read_bytes() == twin.read_bytes(), path  # no time, same bytes
    assert (first / "reports/metrics.json").read_bytes() == \
        (second / "reports/metrics.json").read_bytes()
    assert pipeline.train(first)["added"] == []
    ignored = (first / ".gitignore").read_text().splitlines()
    assert not {"/models/", "/reports/"} & set(ignored)
    stages = yaml.safe_load((first / "dvc.yaml").read_text())["stages"]
    assert stages["evaluate"]["metrics"] == [{"reports/metrics.json": {"cache": False}}]
    assert "data/labels.csv" in stages["prepare"]["deps"]
    runtime = Path(pipeline.__file__).parent
    for stage in stages.values():
        listed = {Path(d).name for d in stage["deps"] if d.startswith("iris_species/")}
        for module in ("pipeline.py", "cli.py", "__main__.py"):
            for name in stage_code(module):
                assert name in listed, (stage["cmd"], name)
    imported = {node.module for node in ast.walk(ast.parse((runtime / "pipeline.py")
                                                           .read_text()))
                if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module}
    assert {f"{m}.py" for m in imported} <= set(stage_code("pipeline.py"))
    assert "scikit-learn" in (first / "pyproject.toml").read_text()
    assert "monitor" in (first / ".github/workflows/monitor.yml").read_text()


def test_problem_8_a_linear_default_runs_in_the_project(tmp_path: Path) -> None:
    rng = np.random.default_rng(10)
    bills = np.round(rng.uniform(5, 60, 200), 2)
    rows = pd.DataFrame({"total_bill": bills, "size": rng.integers(1, 6, 200),
                         "tip": np.round(bills * 0.15 + rng.normal(0, 0.5, 200), 2)})
    spec = {
        "apiVersion": "mlcanvas/v1", "kind": "UseCaseSpec",
        "metadata": {"name": "tips", "title": "Expected tip"},
        "prediction": {"task": "regression", "entity": "bill", "target": "tip"},
        "data": {"source": "data/tips.csv", "columns": [
            {"name": "total_bill", "type": "number"}, {"name": "size", "type": "integer"},
            {"name": "tip", "type": "number"}]},
        "features": [{"name": "total_bill", "from": "total_bill"},
                     {"name": "size", "from": "size"}],
        "baseline": {"method": "rules", "rules": [{"when": {"feature": "size", "gt": 20},
                                                   "predict": 50}],
                     "default": {"linear": {"intercept": 0, "terms": {"total_bill": 0.15}}}},
        "model": {"method": "ridge", "params": {"alpha": 1.0}},
    }
    root = project(tmp_path, spec, rows, "tips")
    report = run_pipeline(root)
    assert report["reference"]["mae"] < 0.6
    pipeline.predict(root, root / "data/prepared/test.csv", tmp_path / "t.csv")
    out = pd.read_csv(tmp_path / "t.csv")
    heuristic = registry.load(root, "tips", report["trained"]["reference"])
    _, typed = pipeline.load_for(root, root / "data/prepared/test.csv", yaml.safe_load(
        (root / "params.yaml").read_text()), heuristic, with_target=False)
    assert len(out) == len(typed)
    scored = pipeline.score(yaml.safe_load((root / "params.yaml").read_text()), heuristic,
                            typed)
    assert np.allclose(scored["predictions"], typed["total_bill"] * 0.15)


# --------------------------------------------------------------------------- the journey


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                           *args], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _commit(root: Path, message: str, versioned: bool) -> None:
    if not versioned:
        return
    done = subprocess.run([sys.executable, "-m", "dvc", "add", "-q", "data/iris.csv",
                           "data/labels.csv"], cwd=root, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "--allow-empty", "-m", message)
    assert _git(root, "status", "--porcelain") == ""


@pytest.mark.slow
def test_the_iris_journey_from_heuristic_to_a_model_that_earns_its_place(
        tmp_path: Path) -> None:
    versioned = shutil.which("git") is not None and shutil.which("dvc") is not None
    rows = iris_rows(100, seed=11)
    (tmp_path / "iris.csv").write_text(rows.to_csv(index=False))
    spec_path = write_yaml(tmp_path / "spec.yaml", iris_spec())
    root = tmp_path / "iris"
    assert mlcanvas(["scaffold", str(spec_path), str(root), "--data",
                     str(tmp_path / "iris.csv")]) == 0
    name = "iris-species"
    if versioned:
        _git(root, "init", "-q")
        assert subprocess.run([sys.executable, "-m", "dvc", "init", "-q"], cwd=root,
                              timeout=120).returncode == 0

    # 1. the heuristic runs the whole pipeline and becomes the first champion
    heuristic = run_pipeline(root)
    assert heuristic["kind"] == "heuristic" and heuristic["champion"] == "v0001"
    assert 0.5 <= heuristic["macro_f1"] < 0.8
    _commit(root, "heuristic baseline", versioned)

    # 2. a logistic regression challenges it and takes over because it is better
    write_yaml(spec_path, iris_spec(model={"method": "logistic_regression"}))
    assert mlcanvas(["scaffold", str(spec_path), str(root), "--update"]) == 0
    assert (root / "data/iris.csv").read_text() == rows.to_csv(index=False)
    model = run_pipeline(root)
    assert model["trained"]["added"] == ["v0002"]  # the heuristic is not trained again
    assert model["champion"] == "v0002" and model["kind"] == "model"
    assert model["macro_f1"] >= model["reference"]["macro_f1"] + 0.02
    assert model["reference"]["version"] == "v0001"  # the heuristic stays the reference line
    (decision,) = model["promotion"]["decisions"]
    assert decision["promoted"] and "beats champion v0001" in decision["reason"]
    _commit(root, "logistic regression challenger", versioned)

    # 3. nothing changed: no new version, the same metrics
    again = run_pipeline(root)
    assert again["trained"]["added"] == [] and again["champion"] == "v0002"
    assert registry.versions(root, name) == ["v0001", "v0002"]

    # 4. a weaker variant does not take over
    edit_params(root, lambda p: p["model"].update(params={"C": 1e-5}))
    weak = run_pipeline(root)
    assert weak["champion"] == "v0002" and not weak["promotion"]["decisions"][-1]["promoted"]
    edit_params(root, lambda p: p["model"].pop("params"))

    # 5. label the uncertain cases of a new batch and retrain
    new = iris_rows(30, seed=12, start=50_000)
    truth = dict(zip(new["flower_id"], new["species"], strict=True))
    new.drop(columns="species").to_csv(tmp_path / "new.csv", index=False)
    exported = tmp_path / "to_label.csv"
    assert cli.main(["--root", str(root), "label", "export", "--input",
                     str(tmp_path / "new.csv"), "-o", str(exported), "-n", "25"]) == 0
    cases = pd.read_csv(exported)
    assert len(cases) == 25 and cases["model_version"].eq("v0002").all()
    disagree = cases["reason"] == "heuristic and model disagree"
    assert disagree.any() and list(disagree) == sorted(disagree, reverse=True)  # first
    for group in (disagree, ~disagree):  # then the least confident first
        assert (np.diff(cases.loc[group, "score"].to_numpy()) >= 0).all()
    cases["label"] = cases["case_id"].map(truth)
    cases.to_csv(exported, index=False)
    assert cli.main(["--root", str(root), "label", "import", str(exported), "--by",
                     "botanist"]) == 0
    labels = pd.read_csv(root / "data/labels.csv")
    assert len(labels) == 25 and set(labels["labeled_by"]) == {"botanist"}
    assert set(labels["labeled_from"]) == {"to_label.csv"}
    retrained = run_pipeline(root)
    assert retrained["trained"]["train_rows"] == model["trained"]["train_rows"] + 25
    assert set(retrained["trained"]["added"]) == {"v0004", "v0005"}
    decided = {d["candidate"]: d for d in retrained["promotion"]["decisions"]}
    assert set(decided) == {"v0004", "v0005"}
    promoted = [v for v, d in decided.items() if d["promoted"]]
    assert retrained["champion"] == (promoted[-1] if promoted else "v0002")
    history = registry.decisions(root, name)
    assert [d["champion_after"] for d in history][:2] == ["v0001", "v0002"]
    _commit(root, "labelled the uncertain cases and retrained", versioned)
    if versioned:
        tracked = _git(root, "ls-files").splitlines()
        assert "reports/metrics.json" in tracked and "data/iris.csv.dvc" in tracked
        assert f"models/registry/{name}/v0002/estimator.joblib" in tracked
        assert f"models/registry/{name}/decisions.jsonl" in tracked
        assert "data/iris.csv" not in tracked and "data/labels.csv.dvc" in tracked

    # 6. the project's own tests pass
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p",
                           "no:cacheprovider"], cwd=root, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
