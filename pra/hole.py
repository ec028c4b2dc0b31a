"""Reading the HOLE Foundation's per-state release files (`hole_transparency_laws_v0.11/`).

The release has two shapes of `appeal_process` (41 files give `first_level` / `second_level`
with citations, 11 older ones give `appeal_authority` / `appeal_description`) and of the fee
waiver (`fee_waiver_*` or `waiver_*`); both are read into the same fields. The data set is partly
machine-assisted, so every fact read here is stored with the source "HOLE" and the page says
to verify against the statute.
"""

import json
from pathlib import Path

from core.choices import state_from_text

FOLDER = "hole_transparency_laws_v0.11"
DATASET = "HOLE Foundation us-transparency-laws-database v0.11.0 (CC0 1.0)"


class HoleFileError(ValueError):
    """A release file that cannot be read; the message names the file and what is wrong."""


def _text(value) -> str:
    if value in (None, "", [], {}):
        return ""
    if isinstance(value, list):
        return "; ".join(_text(item) for item in value if _text(item))
    return " ".join(str(value).split())


def _flag(value) -> bool | None:
    return value if isinstance(value, bool) else None


def _days(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _join(*parts) -> str:
    """Sentences from the release's separate fields, each closed with a full stop."""
    texts = [text for text in (_text(p) for p in parts) if text]
    return " ".join(text if text[-1] in ".;:!?)" else f"{text}." for text in texts)


def read_release(folder: Path) -> dict[str, dict]:
    """`USA-XX` → that state's `transparency_law` object; the federal file is left out."""
    if not folder.is_dir():
        raise HoleFileError(f"{folder}: folder not found")
    laws: dict[str, dict] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise HoleFileError(f"{path.name}: not readable JSON ({error})") from error
        if not isinstance(content, dict) or not isinstance(content.get("transparency_law"), dict):
            raise HoleFileError(f"{path.name}: no 'transparency_law' object")
        name = content.get("jurisdiction")
        if name == "Federal":
            continue
        state = state_from_text(str(name or ""))
        if state is None:
            raise HoleFileError(f"{path.name}: jurisdiction {name!r} is not a US state")
        laws[state] = content["transparency_law"]
    return laws


def appeal_from(law: dict) -> dict:
    appeal = law.get("appeal_process") or {}
    if "first_level" in appeal or "second_level" in appeal:
        first_days = _days(appeal.get("first_level_deadline_days"))
        return {
            "appeal_first_level": _text(appeal.get("first_level")),
            "appeal_first_level_citation": _text(appeal.get("first_level_cite")),
            "appeal_first_level_deadline_days": first_days,
            "appeal_second_level": _text(appeal.get("second_level")),
            "appeal_second_level_citation": _text(appeal.get("second_level_cite")),
            "attorney_fees_recoverable": _flag(appeal.get("attorney_fees_recoverable")),
            "attorney_fees_citation": _text(appeal.get("attorney_fees_cite")),
            "attorney_fees_notes": _text(appeal.get("attorney_fees_notes")),
            "appeal_route": _join(
                appeal.get("first_level_notes"),
                appeal.get("first_level_deadline_notes"),
                appeal.get("second_level_notes"),
                appeal.get("second_level_deadline_notes"),
            ),
        }
    court = _text(appeal.get("court_jurisdiction"))
    judicial = _flag(appeal.get("judicial_review_available"))
    return {
        "appeal_first_level": _text(appeal.get("appeal_authority")),
        "appeal_first_level_citation": "",
        "appeal_first_level_deadline_days": _days(appeal.get("appeal_deadline_days")),
        "appeal_second_level": (
            court if judicial and court and not court.lower().startswith("not specified") else ""
        ),
        "appeal_second_level_citation": "",
        "attorney_fees_recoverable": None,
        "attorney_fees_citation": "",
        "attorney_fees_notes": "",
        "appeal_route": _text(appeal.get("appeal_description")),
    }


def fees_from(law: dict) -> dict:
    fees = law.get("fee_structure") or {}
    per_page = fees.get("copy_fee_per_page")
    copy = _join(
        f"${per_page:.2f} per page." if isinstance(per_page, (int, float)) and per_page else "",
        fees.get("copy_fee_notes") or fees.get("standard_copy_fee"),
        f"Electronic copies: {_text(fees.get('electronic_fee'))}." if fees.get("electronic_fee")
        else "",
    )
    waiver = fees.get("fee_waiver_available", fees.get("waiver_available"))
    return {
        "copy_fee": copy,
        "copy_fee_citation": _text(fees.get("copy_fee_cite")),
        "search_fee": _join(
            fees.get("search_fee") or fees.get("search_time_fee"), fees.get("search_fee_notes")
        ),
        "search_fee_citation": _text(fees.get("search_fee_statutory_cite")),
        "fee_waiver_available": _flag(waiver),
        "fee_waiver_notes": _join(
            fees.get("fee_waiver_criteria") or fees.get("waiver_criteria"),
            fees.get("fee_waiver_notes"),
        ),
        "fee_waiver_citation": _text(fees.get("fee_waiver_cite")),
        "fee_notes": _join(fees.get("notes"), fees.get("fee_estimate_required"),
                           fees.get("deposit_requirement")),
    }


def requester_from(law: dict) -> dict:
    req = law.get("requester_requirements") or {}
    residency = req.get("residency_requirement", req.get("residency_required"))
    purpose = req.get("purpose_statement_required", req.get("reason_required"))
    return {
        "requester_identification_required": _flag(req.get("identification_required")),
        "requester_purpose_required": _flag(purpose),
        "requester_residency_required": _flag(residency),
        "requester_notes": _join(
            req.get("specific_format"),
            req.get("request_format_notes"),
            req.get("identification_notes"),
            req.get("purpose_notes"),
            req.get("residency_notes"),
        ),
    }


def exemptions_from(law: dict) -> list[dict]:
    rows = []
    for item in law.get("exemptions") or []:
        if not isinstance(item, dict) or not _text(item.get("category")):
            continue
        rows.append({
            "category": _text(item.get("category"))[:255],
            "citation": _text(item.get("citation"))[:255],
            "description": _text(item.get("description")),
            "scope": _text(item.get("scope"))[:20],
        })
    return rows


def facts_from(law: dict) -> dict:
    """Every Law field this release fills, for one state's `transparency_law` object."""
    return {**appeal_from(law), **fees_from(law), **requester_from(law)}
