"""Demo data: every law and letter, published (the same seed staff run in production)."""

from pra.seed import seed


def load(*, stdout) -> None:
    summary = seed()
    stdout.write(f"  records-request laws and letters: {summary}")
