"""Batches of texts for the encoder, grouped by token length so padding stays short.

Training's frozen-layer cache pads each length-sorted batch to its own longest
(`length_sorted_batches`). Serving uses length buckets (`length_bucketed_batches`): a post's
padded length is its token count rounded up to a multiple of BUCKET_TOKENS (capped at the
model's max length), whatever else is in the call, so a post always runs at the same sequence
length and only the number of rows beside it changes. Padded to each batch's longest, as
before, a post's shape, and with it the last digits of its answer, depended on its batch-mates.
"""

from __future__ import annotations

from collections.abc import Iterator

# Tweets run 20–90 tokens: buckets of 16 waste about 8 padded tokens a post on average, and a
# few hundred posts still fill batches.
BUCKET_TOKENS = 16


def bucket_length(tokens: int, *, max_length: int) -> int:
    return min(max_length, -(-tokens // BUCKET_TOKENS) * BUCKET_TOKENS)


def _token_ids(tokenizer, texts: list[str], *, max_length: int) -> list[list[int]]:
    """Each text's token ids, truncated, unpadded: tokenised once, to learn the lengths."""
    return tokenizer(
        texts, truncation=True, max_length=max_length, padding=False, return_attention_mask=False
    )["input_ids"]


def _padded(tokenizer, encoded: list[list[int]], indices: list[int], **padding) -> dict:
    return tokenizer.pad(
        {"input_ids": [encoded[index] for index in indices]},
        return_attention_mask=True,
        return_tensors="pt",
        **padding,
    )


def length_bucketed_batches(
    tokenizer, texts: list[str], *, max_length: int, batch_size: int
) -> Iterator[tuple[list[int], dict]]:
    """Yield (original indices, tokenised batch as tensors), shortest bucket first.

    Texts are tokenised once without padding to learn their lengths; each batch holds posts of
    one bucket, padded to that bucket's length.
    """
    if not texts:
        return
    encoded = _token_ids(tokenizer, texts, max_length=max_length)
    buckets: dict[int, list[int]] = {}
    for index, ids in enumerate(encoded):
        buckets.setdefault(bucket_length(len(ids), max_length=max_length), []).append(index)
    for length in sorted(buckets):
        members = buckets[length]
        for start in range(0, len(members), batch_size):
            indices = members[start : start + batch_size]
            yield indices, _padded(tokenizer, encoded, indices, padding="max_length", max_length=length)


def length_sorted_batches(
    tokenizer, texts: list[str], *, max_length: int, batch_size: int
) -> Iterator[tuple[list[int], dict]]:
    """Yield (original indices, tokenised batch as tensors), shortest texts first.

    Texts are tokenised once without padding to learn their lengths, then each batch is padded
    to its longest member; a batch of tweets never pays for one long news story.
    """
    if not texts:
        return
    encoded = _token_ids(tokenizer, texts, max_length=max_length)
    order = sorted(range(len(texts)), key=lambda index: len(encoded[index]))
    for start in range(0, len(order), batch_size):
        indices = order[start : start + batch_size]
        yield indices, _padded(tokenizer, encoded, indices, padding="longest")
