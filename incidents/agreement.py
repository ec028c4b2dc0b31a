"""Inter-annotator agreement, in plain Python so the web process never imports scikit-learn.

Categories are strings ("0"…"5", "unclear"). Cohen's kappa compares two raters on the same
items; Krippendorff's alpha (nominal) copes with any number of labellers per post and with posts
only some of them labelled, which is what a shared queue produces.
"""

from collections import Counter
from collections.abc import Iterable, Sequence


def percent_agreement(pairs: Sequence[tuple[str, str]]) -> float | None:
    if not pairs:
        return None
    return sum(a == b for a, b in pairs) / len(pairs)


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """κ = (p_o − p_e) / (1 − p_e); None without pairs, 1.0 when both raters never vary and agree."""
    n = len(pairs)
    if not n:
        return None
    observed = percent_agreement(pairs)
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    if expected == 1:
        return 1.0 if observed == 1 else 0.0
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Iterable[Sequence[str]]) -> float | None:
    """Nominal α over units (one list of values per post); units with fewer than two are ignored."""
    coincidences: Counter = Counter()
    for values in units:
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    coincidences[c, k] += pairs / (m - 1)
    n = sum(coincidences.values())
    if n <= 1:
        return None
    marginals: Counter = Counter()
    for (c, _), value in coincidences.items():
        marginals[c] += value
    observed_disagreement = sum(v for (c, k), v in coincidences.items() if c != k) / n
    expected_disagreement = sum(
        marginals[c] * marginals[k] for c in marginals for k in marginals if c != k
    ) / (n * (n - 1))
    if expected_disagreement == 0:
        return 1.0
    return 1 - observed_disagreement / expected_disagreement


def interpret(value: float | None) -> str:
    """Landis & Koch's words for a kappa, so a figure reads at a glance."""
    from django.utils.translation import gettext as _

    if value is None:
        return _("not enough data")
    if value < 0:
        return _("worse than chance")
    for limit, word in (
        (0.2, _("slight")),
        (0.4, _("fair")),
        (0.6, _("moderate")),
        (0.8, _("substantial")),
    ):
        if value <= limit:
            return word
    return _("almost perfect")
