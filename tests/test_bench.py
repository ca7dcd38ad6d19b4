"""debate.bench on tiny synthetic ArgKP-format data, and agreement with kpa_score.py."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from debate.bench.fit import logistic_fit
from debate.bench.kpa import choose_shots, format_figures, load_kpa, run_kpa
from debate.bench.speed import run_speed
from debate.judge import Candidate, Judge

SCORER = Path("/work/shared/bench/kpa_score.py")
ARGKP = Path("/work/shared/bench/argkp")


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    topic = "Cities should ban cars"
    kps = [["kp_a", "Car bans hurt local shops", topic, "-1"], ["kp_b", "Buses are too slow", topic, "-1"]]
    args = [
        ["a1", "local shops lose customers when cars are banned", topic, "-1"],
        ["a2", "shops in the centre would suffer", topic, "-1"],
        ["a3", "buses are slow and late", topic, "-1"],
        ["a4", "buses take far too long", topic, "-1"],
        ["a5", "the weather is lovely", topic, "-1"],
        ["a6", "shop owners would be hurt badly", topic, "-1"],
    ]
    labels = [
        ["a1", "kp_a", "1"],
        ["a1", "kp_b", "0"],
        ["a2", "kp_a", "1"],
        ["a2", "kp_b", "0"],
        ["a3", "kp_b", "1"],
        ["a3", "kp_a", "0"],
        ["a4", "kp_b", "1"],
        ["a4", "kp_a", "0"],
        ["a5", "kp_a", "0"],
        ["a5", "kp_b", "0"],
        ["a6", "kp_a", "1"],
    ]
    _write(tmp_path / "arguments_t.csv", ["arg_id", "argument", "topic", "stance"], args)
    _write(tmp_path / "key_points_t.csv", ["key_point_id", "key_point", "topic", "stance"], kps)
    _write(tmp_path / "labels_t.csv", ["arg_id", "key_point_id", "label"], labels)
    return tmp_path


def _script(data: Path, subset: str, predictions: Path, *extra: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(SCORER), str(data), subset, str(predictions), *extra],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout))


def test_run_kpa_writes_predictions_and_figures(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.json"
    figures = run_kpa(data_dir, "t", output=out, compare_baseline=True)
    predictions = json.loads(out.read_text())
    assert set(predictions) == {f"a{i}" for i in range(1, 7)}
    assert set(predictions["a1"]) == {"kp_a", "kp_b"}
    assert predictions["a1"]["kp_a"] > predictions["a1"]["kp_b"]
    assert predictions["a3"]["kp_b"] > predictions["a3"]["kp_a"]
    for key in (
        "map_strict",
        "map_relaxed",
        "top1",
        "precision",
        "recall",
        "f1",
        "wall_seconds",
        "baseline_seconds",
        "ratio",
        "wall_seconds_cold",
        "ratio_cold",
    ):
        assert key in figures
    assert figures["top1"] >= 0.75
    assert "map_strict" in format_figures(figures)


def test_baseline_comparison_times_both_sides_alike(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import debate.bench.kpa as bench

    calls: list[str] = []
    real_predict, real_baseline = bench.predict, bench.baseline_seconds
    clock = iter(float(i) for i in range(100))
    monkeypatch.setattr(time, "perf_counter", lambda: next(clock))

    def predict(*args: object, **kwargs: object) -> dict[str, dict[str, float]]:
        calls.append("matcher")
        return real_predict(*args, **kwargs)  # type: ignore[arg-type]

    def baseline(*args: object) -> float:
        calls.append("baseline")
        real_baseline(*args)  # type: ignore[arg-type]
        return [0.5, 0.25, 0.5][calls.count("baseline") - 1]

    monkeypatch.setattr(bench, "predict", predict)
    monkeypatch.setattr(bench, "baseline_seconds", baseline)
    figures = run_kpa(data_dir, "t", output=tmp_path / "p.json", compare_baseline=True, repeats=3)
    assert calls == ["matcher", "baseline"] * 3  # interleaved, as many runs each
    assert figures["baseline_seconds"] == 0.25  # best run of each side
    assert figures["wall_seconds"] == 1.0 and figures["ratio"] == 4.0  # each matcher run: 2 clock ticks apart
    assert figures["wall_seconds_cold"] == 1.0
    assert run_kpa(data_dir, "t", output=tmp_path / "q.json")["pairs"] == figures["pairs"]


def test_shots_become_phrasings_and_are_left_out(data_dir: Path, tmp_path: Path) -> None:
    data = load_kpa(data_dir, "t")
    chosen = choose_shots(data, 1, seed=3)
    assert all(len(v) == 1 for v in chosen.values())
    assert chosen == choose_shots(data, 1, seed=3)
    used = {a for v in chosen.values() for a in v}
    out = tmp_path / "p.json"
    run_kpa(data_dir, "t", shots=1, seed=3, output=out)
    assert not used & set(json.loads(out.read_text()))


@pytest.mark.skipif(not SCORER.exists(), reason="kpa_score.py absent")
@pytest.mark.parametrize("shots", [0, 1])
def test_figures_agree_with_kpa_score_script(data_dir: Path, tmp_path: Path, shots: int) -> None:
    out = tmp_path / "p.json"
    figures = run_kpa(data_dir, "t", shots=shots, output=out)
    script = _script(data_dir, "t", out, *(["--only-predicted"] if shots else []))
    for key, value in script.items():
        assert figures[key] == pytest.approx(value, abs=1e-4), key


@pytest.mark.skipif(not (ARGKP / "arguments_dev.csv").exists(), reason="ArgKP data absent")
def test_figures_agree_on_argkp_dev(tmp_path: Path) -> None:
    out = tmp_path / "p.json"
    figures = run_kpa(ARGKP, "dev", output=out)
    for key, value in _script(ARGKP, "dev", out).items():
        assert figures[key] == pytest.approx(value, abs=1e-4), key


def test_run_speed_shape() -> None:
    cands = [Candidate("a", "shops lose customers"), Candidate("b", "buses are too slow")]
    figures = run_speed(cands, ["shops lose out"], Judge(topic="cars", corpus=[c.text for c in cands]), runs=20)
    assert set(figures) == {"bank_50", "bank_5000", "pairs_per_second"}
    assert figures["bank_50"]["p50_ms"] <= figures["bank_50"]["p99_ms"]
    assert figures["pairs_per_second"] > 0


def test_logistic_fit_separates() -> None:
    rows = [[x / 10] for x in range(20)]
    labels = [int(x >= 10) for x in range(20)]
    bias, weights = logistic_fit(rows, labels, l2=0.01)
    assert weights[0] > 0 and bias + weights[0] * 1.9 > 0 > bias
