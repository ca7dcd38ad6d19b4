"""``debate bench fit`` and ``debate bench cv``: fitting the similarity's weights on ArgKP train, and checking them
by leave-topics-out cross-validation.

:func:`fit` refits the similarity's logistic weights on the *train* split and, with ``write``, saves them into
``debate/judge/weights.json``; :func:`fit_consensus` does the same for the consensus of a text and its phrasings (3
shots). :func:`cross_validate` gives leave-topics-out figures on train: tune on these, confirm on dev. Only the
judge's public API is used: weights are passed to the judges, never patched in.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from debate.bench.kpa import KpaData, KpaSetup, build_setup, kpa_figures, load_kpa, predict
from debate.judge import Candidate, Weights, load_weights
from debate.judge.similarity import Bag, Similarity, sigmoid


def labelled_pairs(setup: KpaSetup, data: KpaData) -> Iterator[tuple[str, Similarity, Bag, Candidate, int]]:
    """(topic, its similarity, the argument's bag, key point, label) for every labelled pair of the arguments to
    predict."""
    for row in setup.todo:
        similarity = setup.judges[row["topic"]].similarity
        answer = similarity.bag(row["argument"])
        for candidate in setup.banks.get((row["topic"], row["stance"]), []):
            label = data.labels.get((row["arg_id"], candidate.id))
            if label is not None:
                yield row["topic"], similarity, answer, candidate, label


def pair_features(setup: KpaSetup, data: KpaData) -> list[tuple[str, list[float], int]]:
    """(topic, feature vector, label) for every labelled pair of the arguments to predict (text features only)."""
    out: list[tuple[str, list[float], int]] = []
    for topic, similarity, answer, candidate, label in labelled_pairs(setup, data):
        found = similarity.features(answer, similarity.prepare(candidate.text).text)
        if found is not None:
            out.append((topic, found[0], label))
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
            p = sigmoid(sum(a * b for a, b in zip(w, x, strict=True)))
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


WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "judge" / "weights.json"
"""The judge's committed weights, which ``--write`` replaces."""


def write_weights(weights: Weights, path: Path = WEIGHTS_FILE) -> None:
    """Save ``weights`` in the ``weights.json`` layout (keeping the file's comment)."""
    previous: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data = {"_comment": previous.get("_comment", "Fitted weights of the judge."), **weights.to_json()}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _report(fitted: Weights, part: str, pairs: int, write: bool, out: Callable[[str], Any]) -> Weights:
    """Print the refitted ``part`` of the weights (``similarity`` or ``consensus``) and save them with ``write``."""
    out(json.dumps(fitted.to_json()[part], indent=2))
    out(f"({pairs} labelled pairs)")
    if write:
        write_weights(fitted)
        out(f"wrote {WEIGHTS_FILE}")
    return fitted


def fit(
    data_dir: Path, subset: str = "train", l2: float = 1.0, write: bool = False, out: Callable[[str], Any] = print
) -> Weights:
    """Refit the similarity's logistic weights on ``subset`` (never dev); print them, and save them with ``write``.

    Confirm on dev with ``debate bench kpa`` and on the labelled student answers with ``debate bench answers``.
    """
    data = load_kpa(data_dir, subset)
    setup = build_setup(data)
    rows = pair_features(setup, data)
    bias, weights = logistic_fit([r[1] for r in rows], [r[2] for r in rows], l2=l2)
    fitted = replace(load_weights(), bias=bias, weights=tuple(weights))
    return _report(fitted, "similarity", len(rows), write, out)


def consensus_rows(setup: KpaSetup, data: KpaData) -> list[tuple[str, list[float], int]]:
    """(topic, consensus inputs, label) for every labelled pair whose key point has phrasings (shots) and shares a
    stem with the argument: the rows :func:`fit_consensus` fits the consensus weights on."""
    out: list[tuple[str, list[float], int]] = []
    for topic, similarity, answer, candidate, label in labelled_pairs(setup, data):
        prepared = similarity.prepare(candidate.text, candidate.phrasings)
        if prepared.pooled is None:
            continue
        evidence = [similarity.probability(answer, bag) for bag in prepared.phrasings]
        inputs = similarity.consensus_features(
            answer,
            prepared,
            similarity.probability(answer, prepared.text),
            sum(evidence) / len(evidence),
            similarity.probability(answer, prepared.pooled),
        )
        if inputs[-1] > 0.0:
            out.append((topic, inputs, label))
    return out


def fit_consensus(
    data_dir: Path,
    subset: str = "train",
    shots: int = 3,
    seed: int = 0,
    l2: float = 1.0,
    write: bool = False,
    out: Callable[[str], Any] = print,
) -> Weights:
    """Refit the consensus weights (text and phrasings together) on ``subset`` with ``shots`` labelled arguments per
    key point as phrasings; print them, and save them with ``write``. Re-run after any change to the text scores."""
    data = load_kpa(data_dir, subset)
    rows = consensus_rows(build_setup(data, shots, seed), data)
    bias, weights = logistic_fit([r[1] for r in rows], [r[2] for r in rows], l2=l2)
    fitted = replace(load_weights(), consensus_bias=bias, consensus_weights=tuple(weights))
    return _report(fitted, "consensus", len(rows), write, out)


def cross_validate(
    data_dir: Path, subset: str = "train", shots: int = 0, folds: int = 4, seed: int = 0, refit_base: bool = True
) -> dict[str, float]:
    """Leave-topics-out figures: the topics of ``subset`` split into ``folds`` groups (shuffled with ``seed``); each
    group scored by weights fitted on the others only, the kpa_score.py figures computed over all groups.

    ``refit_base``: refit the text weights per fold too, else keep the committed ones (fitted on all of train, so
    optimistic there). With shots the consensus weights are refitted per fold.
    """
    data = load_kpa(data_dir, subset)
    topics = sorted({row["topic"] for row in data.arguments})
    random.Random(seed).shuffle(topics)
    fold_of = {topic: i % folds for i, topic in enumerate(topics)}
    committed = load_weights()
    predictions: dict[str, dict[str, float]] = {}
    for k in range(folds):
        weights = committed
        if refit_base:
            setup = build_setup(data, weights=weights)
            setup.todo = [row for row in setup.todo if fold_of[row["topic"]] != k]
            rows = pair_features(setup, data)
            bias, fitted = logistic_fit([r[1] for r in rows], [r[2] for r in rows])
            weights = replace(weights, bias=bias, weights=tuple(fitted))
        if shots > 0:
            setup = build_setup(data, shots, seed, weights)
            setup.todo = [row for row in setup.todo if fold_of[row["topic"]] != k]
            crow = consensus_rows(setup, data)
            bias, fitted = logistic_fit([r[1] for r in crow], [r[2] for r in crow])
            weights = replace(weights, consensus_bias=bias, consensus_weights=tuple(fitted))
        setup = build_setup(data, shots, seed, weights)
        setup.todo = [row for row in setup.todo if fold_of[row["topic"]] == k]
        predictions.update(predict(setup))
    return {key: round(value, 4) for key, value in kpa_figures(data, predictions, only_predicted=True).items()}
