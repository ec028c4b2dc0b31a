"""Evaluation figures: accuracy, macro-F1, per rank, confusion matrix, binary "force used".

Plain numbers in plain dicts, so they go into the model registry's JSON field, `--json` output
and the admin page unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

RANKS = list(range(6))
FORCE_RANKS = {2, 3, 4, 5}


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return _ratio(2 * precision * recall, precision + recall)


def compute_metrics(truth: Sequence[int], probabilities: Sequence[Sequence[float]]) -> dict:
    """Metrics from true ranks and per-rank probabilities (the prediction is the argmax)."""
    predicted = [max(RANKS, key=lambda rank: row[rank]) for row in probabilities]
    return metrics_from_predictions(truth, predicted)


def metrics_from_predictions(truth: Sequence[int], predicted: Sequence[int]) -> dict:
    matrix = [[0] * len(RANKS) for _ in RANKS]
    for actual, guess in zip(truth, predicted, strict=True):
        matrix[actual][guess] += 1
    per_class = {}
    for rank in RANKS:
        true_positive = matrix[rank][rank]
        predicted_count = sum(matrix[row][rank] for row in RANKS)
        support = sum(matrix[rank])
        precision = _ratio(true_positive, predicted_count)
        recall = _ratio(true_positive, support)
        per_class[str(rank)] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(_f1(precision, recall), 4),
            "support": support,
        }
    present = [rank for rank in RANKS if per_class[str(rank)]["support"]]
    force_true = [actual in FORCE_RANKS for actual in truth]
    force_guess = [guess in FORCE_RANKS for guess in predicted]
    hits = sum(a and b for a, b in zip(force_true, force_guess, strict=True))
    force_precision = _ratio(hits, sum(force_guess))
    force_recall = _ratio(hits, sum(force_true))
    total = len(truth)
    return {
        "examples": total,
        "accuracy": round(_ratio(sum(matrix[rank][rank] for rank in RANKS), total), 4),
        # Over the ranks present in the data: a file without rank-0 rows (2020PB) is not
        # penalised for a class it cannot contain.
        "macro_f1": round(
            _ratio(sum(per_class[str(rank)]["f1"] for rank in present), len(present)), 4
        ),
        "per_class": per_class,
        "confusion_matrix": matrix,
        "force_used": {
            "precision": round(force_precision, 4),
            "recall": round(force_recall, 4),
            "f1": round(_f1(force_precision, force_recall), 4),
            "support": sum(force_true),
        },
    }


def text_report(metrics: dict) -> str:
    lines = [
        _("Examples: %(count)d") % {"count": metrics["examples"]},
        _("Accuracy: %(value).3f") % {"value": metrics["accuracy"]},
        _("Macro-F1: %(value).3f") % {"value": metrics["macro_f1"]},
        "",
        f"{_('rank'):>6} {_('precision'):>10} {_('recall'):>8} {_('F1'):>6} {_('support'):>8}",
    ]
    for rank in RANKS:
        row = metrics["per_class"][str(rank)]
        lines.append(
            f"{rank:>6} {row['precision']:>10.3f} {row['recall']:>8.3f} {row['f1']:>6.3f} "
            f"{row['support']:>8}"
        )
    lines += ["", _("Confusion matrix (rows: true rank, columns: predicted rank)")]
    lines.append("      " + "".join(f"{rank:>6}" for rank in RANKS))
    for rank, row in zip(RANKS, metrics["confusion_matrix"], strict=True):
        lines.append(f"{rank:>6}" + "".join(f"{value:>6}" for value in row))
    force = metrics["force_used"]
    lines += [
        "",
        _("Force used (ranks 2–5): precision %(precision).3f, recall %(recall).3f, F1 %(f1).3f")
        % force,
    ]
    return "\n".join(lines)


def confusion_png(metrics: dict, path, *, title: str = "") -> None:
    """A confusion-matrix heat map as PNG, drawn with Pillow (no plotting library needed)."""
    from PIL import Image, ImageDraw, ImageFont

    matrix = metrics["confusion_matrix"]
    cell, margin_left, margin_top = 72, 110, 90
    size = (margin_left + cell * 6 + 30, margin_top + cell * 6 + 60)
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=16)
    small = ImageFont.load_default(size=13)
    draw.text((margin_left, 14), title or _("Confusion matrix"), fill="black", font=font)
    draw.text(
        (margin_left, 40),
        _("accuracy %(accuracy).3f · macro-F1 %(macro_f1).3f") % metrics,
        fill="#333",
        font=small,
    )
    draw.text(
        (margin_left + cell * 3 - 40, margin_top - 22), _("predicted"), fill="#333", font=small
    )
    draw.text((8, margin_top + cell * 3 - 8), _("true"), fill="#333", font=small)
    for rank, row in enumerate(matrix):
        total = sum(row) or 1
        draw.text(
            (margin_left - 24, margin_top + rank * cell + cell // 2 - 8),
            str(rank),
            fill="black",
            font=font,
        )
        draw.text(
            (margin_left + rank * cell + cell // 2 - 5, margin_top + cell * 6 + 8),
            str(rank),
            fill="black",
            font=font,
        )
        for column, value in enumerate(row):
            share = value / total
            shade = int(255 - share * 200)
            box = (
                margin_left + column * cell,
                margin_top + rank * cell,
                margin_left + (column + 1) * cell,
                margin_top + (rank + 1) * cell,
            )
            draw.rectangle(box, fill=(shade, shade, 255), outline="#999")
            colour = "white" if share > 0.55 else "black"
            draw.text((box[0] + 8, box[1] + 14), str(value), fill=colour, font=font)
            draw.text((box[0] + 8, box[1] + 40), f"{share:.0%}", fill=colour, font=small)
    image.save(path, format="PNG")
