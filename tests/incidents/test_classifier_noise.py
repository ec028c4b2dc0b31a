"""The label-noise estimate from texts labelled more than once."""

import pytest

from incidents.classifier.data import Example
from incidents.classifier.noise import label_noise


def _examples(*pairs):
    return [Example(text=text, rank=rank, source="hrf") for text, rank in pairs]


def test_pairs_of_repeated_texts_give_the_agreement_and_its_ceiling():
    examples = _examples(
        ("Officers watched the march", 1),
        ("Officers watched the march", 1),
        ("Officers watched the march", 0),  # three labels: pairs 1=1, 1≠0, 1≠0
        ("Police tased a man", 3),
        ("Police tased a man", 3),
        ("A quiet day downtown", 0),  # said once: no pair
    )

    noise = label_noise(examples)

    assert (noise.repeated_texts, noise.conflicting_texts) == (2, 1)
    assert (noise.pairs, noise.agreeing_pairs) == (4, 2)
    assert noise.ceiling == pytest.approx(0.5**0.5)


def test_stripping_links_finds_the_same_text_posted_with_different_links():
    examples = _examples(
        ("Police fired tear gas https://t.co/abc", 4),
        ("Police fired tear gas https://t.co/xyz", 5),
    )

    assert label_noise(examples).pairs == 0
    assert label_noise(examples, strip_links=True).agreement == 0
