"""How much the training labels contradict themselves, from texts that were labelled more than once.

Every pair of labels given to the same text either agrees or not. If each label is the true rank
with probability p, and two wrong labels rarely coincide, a pair agrees with probability ≈ p²; so
p ≈ √agreement is the accuracy a perfect model could reach against these labels (the ceiling).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from incidents.classifier.data import Example, clean_text


@dataclass(frozen=True)
class Noise:
    repeated_texts: int
    conflicting_texts: int
    pairs: int
    agreeing_pairs: int

    @property
    def agreement(self) -> float:
        return self.agreeing_pairs / self.pairs if self.pairs else 1.0

    @property
    def ceiling(self) -> float:
        return math.sqrt(self.agreement)


def label_noise(examples: list[Example], *, strip_links: bool = False) -> Noise:
    """Pair agreement among repeated texts (exact, or after removing links and extra spaces)."""
    labels: dict[str, list[int]] = defaultdict(list)
    for example in examples:
        labels[clean_text(example.text) if strip_links else example.text].append(example.rank)
    repeated = [ranks for ranks in labels.values() if len(ranks) > 1]
    pairs = [pair for ranks in repeated for pair in combinations(ranks, 2)]
    return Noise(
        repeated_texts=len(repeated),
        conflicting_texts=sum(len(set(ranks)) > 1 for ranks in repeated),
        pairs=len(pairs),
        agreeing_pairs=sum(a == b for a, b in pairs),
    )
