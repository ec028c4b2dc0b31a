"""What a job did, counted the same way by every loader, seeder and builder, and printed by
its management command: created / updated / unchanged / skipped / failed, with notes."""

from dataclasses import dataclass, field

OUTCOMES = ("created", "updated", "unchanged", "skipped", "failed")


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    # One line each: what a step did, or what went wrong and where.
    notes: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        """Add one record to `outcome` (a service returns which of OUTCOMES it was)."""
        if outcome not in OUTCOMES:
            raise ValueError(f"not an outcome: {outcome!r}")
        setattr(self, outcome, getattr(self, outcome) + 1)

    def __str__(self) -> str:
        return ", ".join(f"{outcome} {getattr(self, outcome)}" for outcome in OUTCOMES)
