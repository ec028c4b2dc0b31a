"""Length-bucketed batches: sort texts by length so each batch pads only to its own longest."""

from __future__ import annotations

from collections.abc import Iterator


def length_sorted_batches(
    tokenizer, texts: list[str], *, max_length: int, batch_size: int
) -> Iterator[tuple[list[int], dict]]:
    """Yield (original indices, tokenised batch as tensors), shortest texts first.

    Texts are tokenised once without padding to learn their lengths, then each batch is padded
    to its longest member; a batch of tweets never pays for one long news story.
    """
    if not texts:
        return
    encoded = tokenizer(
        texts, truncation=True, max_length=max_length, padding=False, return_attention_mask=False
    )["input_ids"]
    order = sorted(range(len(texts)), key=lambda index: len(encoded[index]))
    for start in range(0, len(order), batch_size):
        indices = order[start : start + batch_size]
        batch = tokenizer.pad(
            {"input_ids": [encoded[index] for index in indices]},
            padding="longest",
            return_attention_mask=True,
            return_tensors="pt",
        )
        yield indices, batch
