"""``debate bench kpa``: the judge on ArgKP-format key-point matching data.

:func:`run_kpa` scores every argument of an ArgKP-layout subset against the key points of its topic and stance (each
topic is a motion, each (topic, stance)'s key points one argument's bank) and reports the figures of ``kpa_score.py``
(KPA-2021 mAP strict/relaxed, top-1, precision/recall/F1 at :data:`debate.judge.HIT`).
"""

from __future__ import annotations

import csv
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from debate.judge import HIT, Candidate, Judge, Weights, clear_caches, load_weights

# --------------------------------------------------------------------------- data


@dataclass
class KpaData:
    """One subset of an ArgKP-layout data set."""

    arguments: list[dict[str, str]]
    """Rows of arguments_S.csv (arg_id, argument, topic, stance)."""
    key_points: list[dict[str, str]]
    """Rows of key_points_S.csv (key_point_id, key_point, topic, stance)."""
    labels: dict[tuple[str, str], int]
    """(arg_id, key_point_id) -> 0/1; undecided pairs are absent."""

    def banks(self) -> dict[tuple[str, str], list[dict[str, str]]]:
        """(topic, stance) -> its key point rows, in file order."""
        out: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
        for row in self.key_points:
            out[(row["topic"], row["stance"])].append(row)
        return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_kpa(data_dir: Path, subset: str) -> KpaData:
    """Read arguments_S.csv, key_points_S.csv and labels_S.csv of ``subset``."""
    labels = {(r["arg_id"], r["key_point_id"]): int(r["label"]) for r in _rows(data_dir / f"labels_{subset}.csv")}
    return KpaData(_rows(data_dir / f"arguments_{subset}.csv"), _rows(data_dir / f"key_points_{subset}.csv"), labels)


# --------------------------------------------------------------------------- figures (as kpa_score.py)


def average_precision(labels: list[int], scores: list[float]) -> float:
    """Step-wise average precision over distinct score thresholds, highest first (as kpa_score.py)."""
    total = sum(labels)
    if total == 0:
        return 0.0
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    ap = tp = fp = 0.0
    prev_recall = 0.0
    for rank, i in enumerate(order):
        tp += labels[i]
        fp += 1 - labels[i]
        if rank == len(order) - 1 or scores[order[rank + 1]] != scores[i]:
            recall = tp / total
            ap += (recall - prev_recall) * (tp / (tp + fp))
            prev_recall = recall
    return ap


def _group_score(pairs: list[tuple[str, float, float]]) -> float:
    top = int(len(pairs) * 0.5)
    kept = sorted(pairs, key=lambda p: -p[1])[:top]
    if not kept:
        return 0.0
    scores = [0.99 if kp == "dummy_id" else score for kp, score, _ in kept]
    labels = [int(label) for _, _, label in kept]
    return average_precision(labels, scores) * sum(labels) / len(kept)


def kpa_figures(
    data: KpaData, predictions: dict[str, dict[str, float]], threshold: float = HIT, only_predicted: bool = False
) -> dict[str, float]:
    """The figures kpa_score.py prints for ``predictions`` (unrounded)."""
    arguments = data.arguments
    labels = data.labels
    if only_predicted:
        arguments = [row for row in arguments if row["arg_id"] in predictions]
        labels = {pair: label for pair, label in labels.items() if pair[0] in predictions}
    valid = {r["key_point_id"] for r in data.key_points}
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in arguments:
        groups[(row["topic"], row["stance"])].append(row["arg_id"])
    maps: dict[str, list[float]] = {"strict": [], "relaxed": []}
    for args in groups.values():
        for mode, undecided in (("strict", 0.0), ("relaxed", 1.0)):
            pairs: list[tuple[str, float, float]] = []
            for arg in args:
                scored = {k: float(v) for k, v in predictions.get(arg, {}).items() if k in valid}
                if scored:
                    kp, score = max(scored.items(), key=lambda kv: kv[1])
                    pairs.append((kp, score, float(labels.get((arg, kp), undecided))))
                else:
                    pairs.append(("dummy_id", 0.0, 0.0))
            maps[mode].append(_group_score(pairs))
    positives: dict[str, set[str]] = defaultdict(set)
    for (arg, kp), label in labels.items():
        if label == 1:
            positives[arg].add(kp)
    top1 = 0
    for arg, kps in positives.items():
        scored = predictions.get(arg) or {}
        if scored and max(scored.items(), key=lambda kv: float(kv[1]))[0] in kps:
            top1 += 1
    tp = fp = fn = 0
    for (arg, kp), label in labels.items():
        claimed = float(predictions.get(arg, {}).get(kp, 0.0)) >= threshold
        tp += claimed and label == 1
        fp += claimed and label == 0
        fn += (not claimed) and label == 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "map_strict": sum(maps["strict"]) / len(maps["strict"]) if maps["strict"] else 0.0,
        "map_relaxed": sum(maps["relaxed"]) / len(maps["relaxed"]) if maps["relaxed"] else 0.0,
        "top1": top1 / len(positives) if positives else 0.0,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
    }


# --------------------------------------------------------------------------- the kpa run


@dataclass
class KpaSetup:
    """Motions (judges), banks and the arguments to predict, for one subset and one shots choice."""

    judges: dict[str, Judge]
    """Topic -> its judge."""
    banks: dict[tuple[str, str], list[Candidate]]
    """(topic, stance) -> the key points as candidates (with their shots as phrasings)."""
    todo: list[dict[str, str]]
    """Argument rows to score (the shots left out)."""
    shots_used: set[str] = field(default_factory=set)
    """Argument ids used as phrasings."""


def choose_shots(data: KpaData, shots: int, seed: int) -> dict[str, list[str]]:
    """key point id -> ``shots`` argument ids labelled as matching it, chosen with ``random.Random(seed)``.

    An argument serves at most once; key points are visited in file order, arguments in file order before sampling.
    """
    if shots <= 0:
        return {}
    rng = random.Random(seed)
    order = {row["arg_id"]: i for i, row in enumerate(data.arguments)}
    positives: dict[str, list[str]] = defaultdict(list)
    for (arg, kp), label in data.labels.items():
        if label == 1 and arg in order:
            positives[kp].append(arg)
    used: set[str] = set()
    chosen: dict[str, list[str]] = {}
    for row in data.key_points:
        kp = row["key_point_id"]
        pool = sorted((a for a in positives.get(kp, []) if a not in used), key=order.__getitem__)
        pick = rng.sample(pool, min(shots, len(pool)))
        used.update(pick)
        chosen[kp] = pick
    return chosen


def build_setup(data: KpaData, shots: int = 0, seed: int = 0, weights: Weights | None = None) -> KpaSetup:
    """Each topic a motion (title = topic, corpus = its key points and shots), each (topic, stance) a bank; the
    judges use ``weights`` (the committed ones by default)."""
    weights = weights or load_weights()
    chosen = choose_shots(data, shots, seed)
    text_of = {row["arg_id"]: row["argument"] for row in data.arguments}
    corpus: dict[str, list[str]] = defaultdict(list)
    banks: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for row in data.key_points:
        phrasings = tuple(text_of[a] for a in chosen.get(row["key_point_id"], []))
        corpus[row["topic"]] += [row["key_point"], *phrasings]
        banks[(row["topic"], row["stance"])].append(Candidate(row["key_point_id"], row["key_point"], (), phrasings))
    judges = {topic: Judge(topic=topic, corpus=texts, weights=weights) for topic, texts in corpus.items()}
    used = {a for picks in chosen.values() for a in picks}
    todo = [row for row in data.arguments if row["arg_id"] not in used]
    return KpaSetup(judges, dict(banks), todo, used)


def _progress(done: int, total: int, stream: TextIO) -> None:
    width = 30
    filled = width * done // max(total, 1)
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        stream.write("\n")
    stream.flush()


def predict(setup: KpaSetup, progress: bool = False) -> dict[str, dict[str, float]]:
    """``{arg_id: {kp_id: score}}`` for every argument to predict."""
    out: dict[str, dict[str, float]] = {}
    total = len(setup.todo)
    step = max(1, total // 100)
    for i, row in enumerate(setup.todo):
        judge = setup.judges.get(row["topic"])
        bank = setup.banks.get((row["topic"], row["stance"]), [])
        if judge is None or not bank:
            out[row["arg_id"]] = {}
            continue
        values = judge.scores(row["argument"], bank)
        out[row["arg_id"]] = {c.id: v for c, v in zip(bank, values, strict=True)}
        if progress and (i % step == 0 or i == total - 1):
            _progress(i + 1, total, sys.stderr)
    return out


def baseline_seconds(data: KpaData, setup: KpaSetup) -> float:
    """Wall time of a bare loop scoring the same pairs with rapidfuzz ``token_set_ratio``."""
    from rapidfuzz import fuzz

    start = time.perf_counter()
    out: dict[str, dict[str, float]] = {}
    for row in setup.todo:
        bank = setup.banks.get((row["topic"], row["stance"]), [])
        answer = row["argument"]
        out[row["arg_id"]] = {c.id: fuzz.token_set_ratio(answer, c.text) / 100.0 for c in bank}
    return time.perf_counter() - start


def run_kpa(
    data_dir: Path,
    subset: str,
    shots: int = 0,
    seed: int = 0,
    output: Path | None = None,
    progress: bool = False,
    compare_baseline: bool = False,
    repeats: int = 3,
) -> dict[str, float]:
    """Score a subset, write the predictions (if ``output``), return the kpa_score.py figures plus timings.

    ``wall_seconds`` covers building the judges and scoring every pair (not reading the CSV files). With
    ``compare_baseline`` both sides are timed the same way: ``repeats`` runs each, interleaved (a run from fresh
    judges, then the bare token_set_ratio loop over the same pairs), each side reporting its best run
    (``wall_seconds``, ``baseline_seconds``, ``ratio`` = wall / baseline). The first run starts from cold token and
    stem caches, as a fresh process does, so it is reported too (``wall_seconds_cold``, ``ratio_cold``). With shots,
    figures are computed as ``--only-predicted``.
    """
    data = load_kpa(data_dir, subset)
    progress = progress and sys.stderr.isatty()
    walls: list[float] = []
    bases: list[float] = []
    predictions: dict[str, dict[str, float]] = {}
    clear_caches()
    for _ in range(max(1, repeats) if compare_baseline else 1):
        start = time.perf_counter()
        setup = build_setup(data, shots, seed)
        predictions = predict(setup, progress=progress and not walls)
        walls.append(time.perf_counter() - start)
        if compare_baseline:
            bases.append(baseline_seconds(data, setup))
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(predictions), encoding="utf-8")
    figures = kpa_figures(data, predictions, only_predicted=shots > 0)
    figures = {k: round(v, 4) for k, v in figures.items()}
    figures["pairs"] = float(sum(len(v) for v in predictions.values()))
    wall = min(walls)
    figures["wall_seconds"] = round(wall, 4)
    if compare_baseline:
        base = min(bases)
        figures["baseline_seconds"] = round(base, 4)
        figures["ratio"] = round(wall / base, 2) if base > 0 else 0.0
        figures["wall_seconds_cold"] = round(walls[0], 4)
        figures["ratio_cold"] = round(walls[0] / base, 2) if base > 0 else 0.0
    return figures


# --------------------------------------------------------------------------- output


def format_figures(figures: dict[str, Any]) -> str:
    """Human-readable figures, one per line (nested speed figures indented)."""
    lines: list[str] = []
    for key, value in figures.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k:<16} {v}" for k, v in value.items()]
        elif isinstance(value, float) and not value.is_integer():
            lines.append(f"{key:<18} {value:.4f}")
        else:
            lines.append(f"{key:<18} {int(value) if isinstance(value, float) else value}")
    return "\n".join(lines)
