"""Per-rank decision factors: a rank wins when its probability times its factor is the largest.

Chosen on validation posts only (never the test split), by coordinate ascent over a small grid of
factors per rank, maximising macro-F1; factors of 1 change nothing. Stored probabilities stay as
the model gave them; only the decision (and so the confidence, the chosen rank's probability)
moves.
"""

from __future__ import annotations

from collections.abc import Sequence

from incidents.classifier.metrics import metrics_from_predictions

GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)


def decide(row: Sequence[float], factors: Sequence[float]) -> int:
    return max(range(len(row)), key=lambda rank: row[rank] * factors[rank])


def score(ranks: list[int], rows: list[list[float]], factors: Sequence[float]) -> dict:
    return metrics_from_predictions(ranks, [decide(row, factors) for row in rows])


def choose(
    ranks: list[int], rows: list[list[float]], *, metric: str = "macro_f1", rounds: int = 3
) -> list[float]:
    """Factors per rank with the best `metric` on these (validation) posts; ties keep 1."""
    factors = [1.0] * 6
    best = score(ranks, rows, factors)[metric]
    for _ in range(rounds):
        changed = False
        for rank in range(6):
            for value in GRID:
                trial = [*factors[:rank], value, *factors[rank + 1 :]]
                result = score(ranks, rows, trial)[metric]
                if result > best + 1e-9:
                    best, factors, changed = result, trial, True
        if not changed:
            break
    return factors
