"""Keyword cues of force in a post, a second opinion beside the model.

Deliberately crude and high-recall: it never sets a rank, it only says when the text plainly
names a kind of force the model's prediction leaves out, so a person looks at the post first.
"""

from __future__ import annotations

import re

_CUES = {
    5: r"shot|shoots?|shooting|gunfire|gunshots?|fatally|killed|killing|live rounds?|firearms?"
    r"|opened fire|fired (?:his|her|their) (?:gun|weapon)",
    4: r"tear ?gas(?:sed)?|pepper[- ]?spray(?:ed)?|pepper[- ]?balls?|mace[ds]?|tasers?|tased|"
    r"tasered|stun guns?|lrad|sound cannons?|chemical (?:agents?|irritants?)|oc spray",
    3: r"batons?|rubber bullets?|foam (?:bullets?|rounds?)|bean ?bags?|flash[- ]?bangs?|"
    r"stun grenades?|less[- ]lethal|projectiles?|kettl(?:ed|ing)",
    2: r"tackl(?:e|ed|es|ing)|shov(?:e|ed|es|ing)|punch(?:ed|es|ing)?|chokeholds?|chok(?:ed|ing)|"
    r"slamm(?:ed|ing)|dragg(?:ed|ing)|pinn(?:ed|ing)|knee(?:d|ling)? on|headlock|body[- ]slam",
}
_PATTERNS = {
    rank: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for rank, pattern in _CUES.items()
}


def force_cue_rank(text: str) -> int | None:
    """The highest rank whose cue words occur in the text, or None."""
    for rank in sorted(_PATTERNS, reverse=True):
        if _PATTERNS[rank].search(text or ""):
            return rank
    return None


def review_threshold(*, text: str, predicted_rank: int, min_confidence: float) -> float | None:
    """The confidence below which a post with this rank needs review; None: it always does.

    Words that name force beside a rank of 0 or 1 always flag the post. A rank of force with no
    such word needs more confidence than usual, halfway from `min_confidence` to certainty.
    """
    cue = force_cue_rank(text)
    if cue is not None and predicted_rank <= 1:
        return None
    if cue is None and predicted_rank >= 2:
        return (1 + min_confidence) / 2
    return min_confidence


def needs_review(
    *, text: str, predicted_rank: int, confidence: float, min_confidence: float
) -> bool:
    """Low confidence, or the words name force the prediction does not (or the reverse)."""
    threshold = review_threshold(
        text=text, predicted_rank=predicted_rank, min_confidence=min_confidence
    )
    return threshold is None or confidence < threshold


def labelling_priority(probabilities: list[float]) -> float:
    """How unsure the model is where its errors are (0 sure … 1 torn): between rank 0 and
    rank 1 (two thirds of its errors: police present read as no police), and among ranks 1–3
    (the rare ranks). The labelling queue serves the most unsure posts first (active learning).

    Between 0 and 1: twice the smaller of the two probabilities (1 at 0.5 / 0.5). Among 1–3:
    their probability beside the largest of them, times 1.5 (1 at a third each). The larger
    of the two.
    """
    if len(probabilities) != 6:
        return 0.0
    zero_one = 2 * min(probabilities[0], probabilities[1])
    middle = probabilities[1:4]
    among = 1.5 * (sum(middle) - max(middle))
    return round(min(1.0, max(zero_one, among)), 4)
