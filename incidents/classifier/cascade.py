"""The serving cascade: the word model alone ranks the posts the encoder could not re-rank.

The ensemble's probabilities are `w × encoder + (1 − w) × words`. Whatever the encoder says, its
share moves any rank's probability by at most `w`, so when the word model's top rank leads its
runner-up by more than `w / (1 − w)` (0.43 at the shipped w = 0.3) the ensemble's top rank is
the word model's: the encoder cannot change the rank, and skipping it changes no rank.

What it could change is the stored confidence, and with it the `needs_review` flag. A post is
therefore left to the word model only when its confidence also sits at least `w / 3` (0.1) from
the review threshold that applies to it (signals.review_threshold), or when its words flag it
whatever the confidence. The margin was chosen on the validation posts, where it was the smallest
that changed no flag; on the held-out test posts it changes 2 flags in 982 (docs/classifier.md).

Posts the cascade settles store the word model's own probabilities and confidence, marked
`ScoredBy.WORD_MODEL`; they never mix with a guessed encoder answer.
"""

from __future__ import annotations

from incidents.classifier.signals import review_threshold

# The margin, as a share of the encoder's weight: the most the encoder can move a confidence.
MARGIN_SHARE = 1 / 3
# Float rounding must never turn a tie into a skipped encoder.
_EPSILON = 1e-9


def word_model_settles(
    *, text: str, word_row: list[float], encoder_weight: float, min_confidence: float
) -> bool:
    """Whether the word model's probabilities can stand for the ensemble's on this post."""
    if encoder_weight >= 1:
        return False
    rank = max(range(len(word_row)), key=lambda value: word_row[value])
    runner_up = max(value for index, value in enumerate(word_row) if index != rank)
    if (1 - encoder_weight) * (word_row[rank] - runner_up) <= encoder_weight + _EPSILON:
        return False
    threshold = review_threshold(text=text, predicted_rank=rank, min_confidence=min_confidence)
    if threshold is None:
        return True
    return abs(word_row[rank] - threshold) >= encoder_weight * MARGIN_SHARE
