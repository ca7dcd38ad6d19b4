"""``debate bench``: matcher quality on ArgKP-format data, scoring speed, and the fit of the matcher's weights.

* :func:`run_kpa` scores every argument of an ArgKP-layout subset against the key points of its topic and stance
  (each topic is a motion, each (topic, stance)'s key points one argument's bank) and reports the figures of
  ``kpa_score.py`` (KPA-2021 mAP strict/relaxed, top-1, precision/recall/F1 at :data:`debate.matching.HIT`).
* :func:`run_speed` times one answer against banks of 50 and 5000 candidates.
* :func:`fit` refits the logistic weights of :mod:`debate.matching` on the *train* split
  (``debate bench fit DIR``) and prints them for pasting into matching.py; :func:`fit_consensus` does the same for
  the consensus of a text and its phrasings (``debate bench fit DIR --consensus``, 3 shots); :func:`cross_validate`
  gives leave-topics-out figures on train (``debate bench cv DIR [--shots K]``): tune on these, confirm on dev.

No textual, no numpy: plain Python and the standard library (plus rapidfuzz for the baseline loop).
"""

from __future__ import annotations

import csv
import json
import math
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from debate import matching
from debate.matching import HIT, Candidate, Matcher

if TYPE_CHECKING:
    from debate.motions import Library


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
    """Motions (matchers), banks and the arguments to predict, for one subset and one shots choice."""

    matchers: dict[str, Matcher]
    """Topic -> its matcher."""
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


def build_setup(data: KpaData, shots: int = 0, seed: int = 0) -> KpaSetup:
    """Each topic a motion (title = topic, corpus = its key points and shots), each (topic, stance) a bank."""
    chosen = choose_shots(data, shots, seed)
    text_of = {row["arg_id"]: row["argument"] for row in data.arguments}
    corpus: dict[str, list[str]] = defaultdict(list)
    banks: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for row in data.key_points:
        phrasings = tuple(text_of[a] for a in chosen.get(row["key_point_id"], []))
        corpus[row["topic"]] += [row["key_point"], *phrasings]
        banks[(row["topic"], row["stance"])].append(Candidate(row["key_point_id"], row["key_point"], (), phrasings))
    matchers = {topic: Matcher(topic=topic, corpus=texts) for topic, texts in corpus.items()}
    used = {a for picks in chosen.values() for a in picks}
    todo = [row for row in data.arguments if row["arg_id"] not in used]
    return KpaSetup(matchers, dict(banks), todo, used)


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
        matcher = setup.matchers.get(row["topic"])
        bank = setup.banks.get((row["topic"], row["stance"]), [])
        if matcher is None or not bank:
            out[row["arg_id"]] = {}
            continue
        values = matcher.scores(row["argument"], bank)
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

    ``wall_seconds`` covers building the matchers and scoring every pair (not reading the CSV files). With
    ``compare_baseline`` both sides are timed the same way: ``repeats`` runs each, interleaved (a matcher run from
    fresh matchers, then the bare token_set_ratio loop over the same pairs), each side reporting its best run
    (``wall_seconds``, ``baseline_seconds``, ``ratio`` = wall / baseline). The first matcher run starts from cold
    token/stem caches, as a fresh process does; later runs find the tokens already stemmed, so the first run is
    reported too (``wall_seconds_cold``, ``ratio_cold``). With shots, figures are computed as ``--only-predicted``.
    """
    data = load_kpa(data_dir, subset)
    progress = progress and sys.stderr.isatty()
    walls: list[float] = []
    bases: list[float] = []
    predictions: dict[str, dict[str, float]] = {}
    matching.clear_caches()
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


# --------------------------------------------------------------------------- speed


_VARIATIONS = ("", " in practice", " for most people", " over time", " in the long run", " at scale")


def _bank(candidates: Sequence[Candidate], size: int) -> list[Candidate]:
    out: list[Candidate] = []
    i = 0
    while len(out) < size:
        base = candidates[i % len(candidates)]
        variant = _VARIATIONS[(i // len(candidates)) % len(_VARIATIONS)]
        out.append(Candidate(f"{base.id}~{i}", base.text + variant, base.keywords, base.phrasings))
        i += 1
    return out


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))
    return ordered[index]


def run_speed(
    candidates: Sequence[Candidate], answers: Sequence[str], matcher: Matcher, runs: int = 200
) -> dict[str, Any]:
    """Latency of one answer against banks of 50 and 5000 candidates, and pairs scored per second.

    Banks repeat and vary the given candidates; the matcher's per-candidate features are warmed first (as in a
    session, where a bank is scored many times). Each run scores a fresh answer string (no answer caching).
    """
    if not candidates:
        candidates = [Candidate("placeholder", "a placeholder rebuttal about costs and benefits")]
    if not answers:
        answers = ["an answer about the costs and benefits"]
    result: dict[str, Any] = {}
    pairs = 0
    spent = 0.0
    for size, n_runs in ((50, runs), (5000, max(5, runs // 20))):
        bank = _bank(candidates, size)
        matcher.rank(answers[0] + " warm", bank)
        times: list[float] = []
        for r in range(n_runs):
            answer = f"{answers[r % len(answers)]} ({r})"
            start = time.perf_counter()
            matcher.rank(answer, bank)
            elapsed = time.perf_counter() - start
            times.append(elapsed)
            pairs += size
            spent += elapsed
        result[f"bank_{size}"] = {
            "p50_ms": round(statistics.median(times) * 1000, 3),
            "p99_ms": round(_percentile(times, 0.99) * 1000, 3),
        }
    result["pairs_per_second"] = round(pairs / spent) if spent > 0 else 0
    return result


def speed_from_library(library: Library) -> dict[str, Any]:
    """:func:`run_speed` on the rebuttals and example answers of a motion library (a built-in sample if empty)."""
    candidates: list[Candidate] = []
    answers: list[str] = []
    matcher: Matcher | None = None
    for motion in getattr(library, "motions", []):
        if matcher is None:
            matcher = Matcher.for_motion(motion)
        for side in ("proposition", "opposition"):
            for argument in motion.arguments(side):
                for rebuttal in argument.rebuttals:
                    candidates.append(Candidate.from_rebuttal(rebuttal))
                    answers.extend(rebuttal.examples.match)
                    answers.extend(rebuttal.examples.no_match)
    if not candidates:
        candidates, answers = _sample_bank()
    return run_speed(
        candidates, answers, matcher or Matcher(topic="school uniforms", corpus=[c.text for c in candidates])
    )


def _sample_bank() -> tuple[list[Candidate], list[str]]:
    candidates = [
        Candidate("cost", "Uniforms are expensive for poor families", ("cost|price|expensive",)),
        Candidate("identity", "Uniforms stop pupils from expressing their identity", ("express|identity",)),
        Candidate("bullying", "Uniforms reduce bullying over clothes and brands", ("bully",)),
        Candidate("focus", "Pupils focus on learning instead of fashion", ("focus|concentrate",)),
    ]
    answers = [
        "school uniforms cost a lot of money and poor families cannot afford them",
        "kids get bullied less when everyone wears the same clothes",
        "students should be free to express who they are",
    ]
    return candidates, answers


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


# --------------------------------------------------------------------------- fitting


def pair_features(setup: KpaSetup, data: KpaData) -> list[tuple[str, list[float], int]]:
    """(topic, feature vector, label) for every labelled pair of the arguments to predict (text features only)."""
    out: list[tuple[str, list[float], int]] = []
    for row in setup.todo:
        matcher = setup.matchers[row["topic"]]
        answer = matcher._answer(row["argument"])
        for candidate in setup.banks.get((row["topic"], row["stance"]), []):
            label = data.labels.get((row["arg_id"], candidate.id))
            if label is None:
                continue
            found = matcher.features(answer, matcher._candidate(candidate).text)
            if found is not None:
                out.append((row["topic"], found[0], label))
    return out


def logistic_fit(
    rows: Sequence[Sequence[float]], labels: Sequence[int], l2: float = 1.0, iterations: int = 25
) -> tuple[float, list[float]]:
    """(bias, weights) of an L2-regularised logistic regression, by Newton's method in plain Python."""
    d = len(rows[0]) + 1
    w = [0.0] * d
    xs = [[1.0, *r] for r in rows]
    for _ in range(iterations):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for x, y in zip(xs, labels, strict=True):
            p = matching._sigmoid(sum(a * b for a, b in zip(w, x, strict=True)))
            g = p - y
            h = p * (1 - p)
            for i in range(d):
                grad[i] += g * x[i]
                hx = h * x[i]
                row = hess[i]
                for j in range(i, d):
                    row[j] += hx * x[j]
        for i in range(d):
            for j in range(i):
                hess[i][j] = hess[j][i]
            if i:
                grad[i] += l2 * w[i]
                hess[i][i] += l2
            hess[i][i] += 1e-9
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return w[0], w[1:]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b by Gaussian elimination with partial pivoting (small dense systems)."""
    n = len(b)
    m = [[*row, bb] for row, bb in zip(a, b, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            if f:
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        s = m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))
        x[r] = s / m[r][r] if abs(m[r][r]) >= 1e-12 else 0.0
    return x


def fit(data_dir: Path, subset: str = "train", l2: float = 1.0, out: Callable[[str], Any] = print) -> dict[str, Any]:
    """Refit the matcher's logistic weights on ``subset`` (never dev) and print them for matching.py.

    Re-run with ``debate bench fit /work/shared/bench/argkp``, paste
    the printed ``WEIGHTS``/``BIAS`` into debate/matching.py, then confirm on dev with ``debate bench kpa``.
    """
    data = load_kpa(data_dir, subset)
    setup = build_setup(data)
    rows = pair_features(setup, data)
    bias, weights = logistic_fit([r[1] for r in rows], [r[2] for r in rows], l2=l2)
    out(f"BIAS: float = {bias:.4f}")
    out(f"WEIGHTS: tuple[float, ...] = ({', '.join(f'{w:.4f}' for w in weights)})")
    return {"bias": bias, "weights": weights, "features": list(matching.FEATURES), "pairs": len(rows)}


def consensus_rows(setup: KpaSetup, data: KpaData) -> list[tuple[str, list[float], int]]:
    """(topic, consensus inputs, label) for every labelled pair whose key point has phrasings (shots) and shares a
    stem with the argument: the rows :func:`fit_consensus` fits :data:`debate.matching.CONSENSUS_WEIGHTS` on."""
    out: list[tuple[str, list[float], int]] = []
    for row in setup.todo:
        matcher = setup.matchers[row["topic"]]
        answer = matcher._answer(row["argument"], spans=False)
        for candidate in setup.banks.get((row["topic"], row["stance"]), []):
            label = data.labels.get((row["arg_id"], candidate.id))
            cf = matcher._candidate(candidate)
            if label is None or cf.pooled is None:
                continue
            evidence = [matcher._probability(answer, bag) for bag in cf.phrasings]
            inputs = matcher.consensus_features(
                answer,
                cf,
                matcher._probability(answer, cf.text),
                sum(evidence) / len(evidence),
                matcher._probability(answer, cf.pooled),
            )
            if inputs[-1] > 0.0:
                out.append((row["topic"], inputs, label))
    return out


def fit_consensus(
    data_dir: Path,
    subset: str = "train",
    shots: int = 3,
    seed: int = 0,
    l2: float = 1.0,
    out: Callable[[str], Any] = print,
) -> dict[str, Any]:
    """Refit the consensus weights (text and phrasings together) on ``subset`` with ``shots`` labelled arguments per
    key point as phrasings, and print them for matching.py.

    Re-run with ``debate bench fit /work/shared/bench/argkp --consensus`` after any change to the text
    scores (the base weights), paste ``CONSENSUS_WEIGHTS``/``CONSENSUS_BIAS``, then confirm with ``cv``.
    """
    data = load_kpa(data_dir, subset)
    rows = consensus_rows(build_setup(data, shots, seed), data)
    bias, weights = logistic_fit([r[1] for r in rows], [r[2] for r in rows], l2=l2)
    out(f"CONSENSUS_WEIGHTS: tuple[float, ...] = ({', '.join(f'{w:.4f}' for w in weights)})")
    out(f"CONSENSUS_BIAS: float = {bias:.4f}")
    return {"bias": bias, "weights": weights, "pairs": len(rows)}


def cross_validate(
    data_dir: Path, subset: str = "train", shots: int = 0, folds: int = 4, seed: int = 0, refit_base: bool = True
) -> dict[str, float]:
    """Leave-topics-out figures: the topics of ``subset`` split into ``folds`` groups (shuffled with ``seed``); each
    group scored by weights fitted on the others only, the kpa_score.py figures computed over all groups.

    ``refit_base``: refit the text weights (:data:`debate.matching.WEIGHTS`) per fold too, else keep the committed
    ones (fitted on all of train, so optimistic there). With shots the consensus weights are refitted per fold.
    The matching module's weights are restored afterwards.
    """
    data = load_kpa(data_dir, subset)
    topics = sorted({row["topic"] for row in data.arguments})
    random.Random(seed).shuffle(topics)
    fold_of = {topic: i % folds for i, topic in enumerate(topics)}
    saved = (matching.BIAS, matching.WEIGHTS, matching.CONSENSUS_BIAS, matching.CONSENSUS_WEIGHTS)
    predictions: dict[str, dict[str, float]] = {}
    try:
        for k in range(folds):
            matching.BIAS, matching.WEIGHTS, matching.CONSENSUS_BIAS, matching.CONSENSUS_WEIGHTS = saved
            if refit_base:
                setup = build_setup(data)
                setup.todo = [row for row in setup.todo if fold_of[row["topic"]] != k]
                rows = pair_features(setup, data)
                bias, weights = logistic_fit([r[1] for r in rows], [r[2] for r in rows])
                matching.BIAS, matching.WEIGHTS = bias, tuple(weights)
            if shots > 0:
                setup = build_setup(data, shots, seed)
                setup.todo = [row for row in setup.todo if fold_of[row["topic"]] != k]
                crow = consensus_rows(setup, data)
                bias, weights = logistic_fit([r[1] for r in crow], [r[2] for r in crow])
                matching.CONSENSUS_BIAS, matching.CONSENSUS_WEIGHTS = bias, tuple(weights)
            setup = build_setup(data, shots, seed)  # fresh matchers: nothing cached under other weights
            setup.todo = [row for row in setup.todo if fold_of[row["topic"]] == k]
            predictions.update(predict(setup))
    finally:
        matching.BIAS, matching.WEIGHTS, matching.CONSENSUS_BIAS, matching.CONSENSUS_WEIGHTS = saved
    return {key: round(value, 4) for key, value in kpa_figures(data, predictions, only_predicted=True).items()}
