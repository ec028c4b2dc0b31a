"""Writes: laws and templates, each change audited with the actor (django-simple-history)."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from core.models import PublicationStatus
from core.services import audited_save, curated_update
from pra import hole, sources
from pra.choices import DATASET_SOURCES, FactSource
from pra.models import Law, LawExemption, RequestTemplate

# fact → the model fields holding it (the first is the one staff edit by hand).
FACT_FIELDS = {
    "name": ("name",),
    "statute_citation": ("statute_citation",),
    "statute_url": ("statute_url",),
    "deadline": (
        "deadline_kind", "deadline_days", "deadline_wording",
        "deadline_citation", "deadline_verified_on", "deadline_verification_note",
    ),
    "appeal_route": (
        "appeal_first_level", "appeal_first_level_citation", "appeal_first_level_deadline_days",
        "appeal_second_level", "appeal_second_level_citation",
        "attorney_fees_recoverable", "attorney_fees_citation", "attorney_fees_notes",
        "appeal_route",
    ),
    "fee_notes": (
        "copy_fee", "copy_fee_citation", "search_fee", "search_fee_citation",
        "fee_waiver_available", "fee_waiver_notes", "fee_waiver_citation", "fee_notes",
    ),
    "requester_requirements": (
        "requester_identification_required", "requester_purpose_required",
        "requester_residency_required", "requester_notes",
    ),
}
# Facts only the HOLE release file gives (kept in source_data["hole_release"]).
RELEASE_FACTS = ("appeal_route", "fee_notes", "requester_requirements")
RELEASE_KEY = "hole_release"
# Sources a re-seed may overwrite: a data set's or an editors' fact, never staff's.
_RESEEDABLE = {*DATASET_SOURCES, FactSource.EDITORS, FactSource.VERIFIED, FactSource.NONE, ""}
EDITABLE_LAW_FIELDS = {
    *(name for names in FACT_FIELDS.values() for name in names),
    *(f"{fact}_source" for fact in FACT_FIELDS),
    "guide_links",
    "staff_notes",
    "publication_status",
    "source_url",
    "foia_number",
    "dataset",
}


def _apply_source(law: Law, fact: str, source: str) -> None:
    """Fill `fact` from the data set `source` kept in `law.source_data`."""
    if fact in RELEASE_FACTS:
        release = (law.source_data or {}).get(RELEASE_KEY) if source == FactSource.HOLE else None
        values = hole.facts_from(release) if release else {}
    else:
        values = sources.facts_for(law.source_data, {fact: source})
    for name in FACT_FIELDS[fact]:
        # A data set's deadline is nobody's verification: its citation and date are cleared.
        setattr(law, name, values.get(name, _empty(name)))
    setattr(law, f"{fact}_source", source)


def _empty(name: str):
    field = Law._meta.get_field(name)
    return None if field.null else ""


@transaction.atomic
def law_update(
    *, law: Law, data: dict, actor: AbstractBaseUser | None, reason: str = ""
) -> Law:
    """Apply staff's edits to a law.

    For each fact: choosing a data set as its source refills the fact from that data set;
    editing the fact's value by hand (without changing the source) marks it "corrected by
    staff". Everything lands in the law's history with `actor`.
    """
    unknown = set(data) - EDITABLE_LAW_FIELDS
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    law = Law.objects.select_for_update().get(pk=law.pk)
    previous = {name: getattr(law, name) for name in EDITABLE_LAW_FIELDS}
    for name, value in data.items():
        setattr(law, name, value)
    for fact, names in FACT_FIELDS.items():
        source_field = f"{fact}_source"
        new_source = data.get(source_field, previous[source_field])
        source_changed = new_source != previous[source_field]
        if source_changed and new_source in DATASET_SOURCES:
            _apply_source(law, fact, new_source)
        elif any(name in data and data[name] != previous[name] for name in names):
            if not source_changed or new_source in ("", FactSource.NONE):
                setattr(law, source_field, FactSource.STAFF)
    law.full_clean()
    audited_save(law, actor=actor, reason=reason or "edited")
    return law


@transaction.atomic
def template_update(
    *, template: RequestTemplate, data: dict, actor: AbstractBaseUser | None
) -> RequestTemplate:
    editable = {
        "jurisdiction", "subject", "title", "body", "notes", "language",
        "publication_status", "source_url", "foia_number", "dataset",
    }
    return curated_update(instance=template, fields=data, editable=editable, actor=actor)


def _law_values(
    raw: dict, editors: dict | None, release: dict | None, verified: dict | None
) -> dict:
    if editors:
        values = {
            "name": editors.get("name", ""),
            "name_source": FactSource.EDITORS if editors.get("name") else FactSource.NONE,
            "statute_citation": editors.get("statute_citation", ""),
            "statute_citation_source": (
                FactSource.EDITORS if editors.get("statute_citation") else FactSource.NONE
            ),
            "statute_url": editors.get("statute_url", ""),
            "statute_url_source": (
                FactSource.EDITORS if editors.get("statute_url") else FactSource.NONE
            ),
            "deadline_kind": editors["deadline_kind"],
            "deadline_days": editors.get("deadline_days"),
            "deadline_wording": editors.get("deadline_wording", ""),
            "deadline_source": FactSource.EDITORS,
        }
    else:
        values = sources.facts_for(raw, sources.default_sources(raw))
    values.update(deadline_citation="", deadline_verified_on=None, deadline_verification_note="")
    if verified:
        values.update(
            deadline_kind=verified["deadline_kind"],
            deadline_days=verified["deadline_days"],
            deadline_wording=verified["wording"],
            deadline_citation=verified["citation"],
            deadline_verified_on=datetime.date.fromisoformat(verified["verified_on"]),
            deadline_verification_note=verified["relied_on"],
            deadline_source=FactSource.VERIFIED,
        )
    release_values = hole.facts_from(release) if release else {}
    for fact in RELEASE_FACTS:
        for name in FACT_FIELDS[fact]:
            values[name] = release_values.get(name, _empty(name))
        filled = any(values[name] not in (None, "") for name in FACT_FIELDS[fact])
        values[f"{fact}_source"] = FactSource.HOLE if filled else FactSource.NONE
    values["guide_links"] = sources.guide_links_from(raw)
    return values


def _exemptions_sync(law: Law, rows: list[dict], *, dry_run: bool) -> bool:
    """Replace the data set's exemptions when they changed; staff's own rows are kept."""
    current = [
        {"category": e.category, "citation": e.citation, "description": e.description,
         "scope": e.scope}
        for e in law.exemptions.filter(source=FactSource.HOLE).order_by("position")
    ] if law.pk else []
    if current == rows:
        return False
    if not dry_run:
        law.exemptions.filter(source=FactSource.HOLE).delete()
        LawExemption.objects.bulk_create(
            LawExemption(law=law, position=position, source=FactSource.HOLE, **row)
            for position, row in enumerate(rows)
        )
    return True


@transaction.atomic
def law_seed(
    *,
    jurisdiction: str,
    raw: dict,
    editors: dict | None,
    dataset: str,
    release: dict | None = None,
    verified: dict | None = None,
    dry_run: bool = False,
) -> str:
    """Create the law for `jurisdiction`, or refresh it from the data sets; returns what happened.

    `release` is the state's entry in the HOLE release (appeals, fees, exemptions, requester
    requirements); `verified` the editors' verified deadline, which wins over the data sets.
    Facts staff chose or corrected are kept: only facts still taken from a data set, from the
    editors or with no source are refilled, so re-running the seed never undoes staff's work.
    """
    raw = {**raw, RELEASE_KEY: release} if release else dict(raw)
    values = _law_values(raw, editors, release, verified)
    exemptions = hole.exemptions_from(release) if release else []
    law = Law.objects.filter(jurisdiction=jurisdiction).first()
    if law is None:
        law = Law(
            jurisdiction=jurisdiction,
            source_data=raw,
            dataset=dataset,
            publication_status=PublicationStatus.PUBLISHED,
            **values,
        )
        law.full_clean()
        if not dry_run:
            audited_save(law, actor=None, reason="seeded")
            _exemptions_sync(law, exemptions, dry_run=dry_run)
        return "created"
    changed = law.source_data != raw
    law.source_data = raw
    if law.guide_links != values["guide_links"]:
        law.guide_links = values["guide_links"]
        changed = True
    for fact in FACT_FIELDS:
        current = getattr(law, f"{fact}_source")
        wanted = values[f"{fact}_source"]
        if current not in _RESEEDABLE:
            continue  # corrected by staff
        if current in DATASET_SOURCES and wanted in DATASET_SOURCES and current != wanted:
            continue  # staff chose this data set
        for name in FACT_FIELDS[fact] + (f"{fact}_source",):
            if getattr(law, name) != values[name]:
                setattr(law, name, values[name])
                changed = True
    changed = _exemptions_sync(law, exemptions, dry_run=dry_run) or changed
    if not changed:
        return "unchanged"
    law.full_clean()
    if not dry_run:
        audited_save(law, actor=None, reason="refreshed from data sets")
    return "updated"


@transaction.atomic
def template_seed(
    *, jurisdiction: str, subject: str, language: str, title: str, body: str, dry_run: bool = False
) -> str:
    """Create a template once; existing templates are staff's and are never overwritten."""
    if RequestTemplate.objects.filter(jurisdiction=jurisdiction, subject=subject).exists():
        return "skipped"
    template = RequestTemplate(
        jurisdiction=jurisdiction,
        subject=subject,
        language=language,
        title=title,
        body=body,
        dataset="Accountable letters",
        publication_status=PublicationStatus.PUBLISHED,
    )
    template.full_clean()
    if not dry_run:
        audited_save(template, actor=None, reason="seeded")
    return "created"
