"""Writes: laws and templates, each change audited with the actor (django-simple-history)."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from core.models import PublicationStatus
from core.services import curated_update, record_actor
from pra import sources
from pra.choices import DATASET_SOURCES, FactSource
from pra.models import Law, RequestTemplate

# fact → the model fields holding it (the first is the one staff edit by hand).
FACT_FIELDS = {
    "name": ("name",),
    "statute_citation": ("statute_citation",),
    "statute_url": ("statute_url",),
    "deadline": ("deadline_kind", "deadline_days", "deadline_wording"),
    "appeal_route": ("appeal_route",),
    "fee_notes": ("fee_notes",),
}
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


@dataclass
class SeedSummary:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"created {self.created}, updated {self.updated}, "
            f"skipped {self.skipped}, failed {self.failed}"
        )


def _apply_source(law: Law, fact: str, source: str) -> None:
    """Fill `fact` from the data set `source` kept in `law.source_data`."""
    values = sources.facts_for(law.source_data, {fact: source})
    for name in FACT_FIELDS[fact]:
        setattr(law, name, values[name])
    setattr(law, f"{fact}_source", source)


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
    record_actor(law, actor)
    law._change_reason = reason or "edited"
    law.save()
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


def _law_values(raw: dict, editors: dict | None) -> dict:
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
    values["guide_links"] = sources.guide_links_from(raw)
    return values


@transaction.atomic
def law_seed(
    *, jurisdiction: str, raw: dict, editors: dict | None, dataset: str, dry_run: bool = False
) -> str:
    """Create the law for `jurisdiction`, or refresh it from the data sets; returns what happened.

    Facts staff chose or corrected are kept: only facts still taken from a data set (or with no
    source) are refilled, so re-running the seed never undoes staff's work.
    """
    values = _law_values(raw, editors)
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
            law._change_reason = "seeded"
            law.save()
        return "created"
    changed = law.source_data != raw
    law.source_data = raw
    if law.guide_links != values["guide_links"]:
        law.guide_links = values["guide_links"]
        changed = True
    for fact in ("name", "statute_citation", "statute_url", "deadline"):
        if getattr(law, f"{fact}_source") in (FactSource.STAFF,) or (
            getattr(law, f"{fact}_source") in DATASET_SOURCES
            and getattr(law, f"{fact}_source") != values[f"{fact}_source"]
        ):
            continue  # staff chose this source or corrected the fact
        for name in FACT_FIELDS[fact] + (f"{fact}_source",):
            if getattr(law, name) != values[name]:
                setattr(law, name, values[name])
                changed = True
    if not changed:
        return "skipped"
    law.full_clean()
    if not dry_run:
        law._change_reason = "refreshed from data sets"
        law.save()
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
        template._change_reason = "seeded"
        template.save()
    return "created"
