"""Staff curate laws (choosing each fact's source, or correcting it) and letter templates."""

import datetime

from django.contrib import admin
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import CuratedAdmin
from pra import sources
from pra.choices import DATASET_SOURCES, FactSource
from pra.forms import RequestTemplateAdminForm
from pra.letters import PLACEHOLDERS, LetterRequest, letter_render
from pra.models import Law, LawExemption, RequestTemplate
from pra.selectors import law_for
from pra.services import law_update, template_update
from pra.verification import VERIFICATION_MAX_AGE


class DeadlineVerifiedFilter(admin.SimpleListFilter):
    """Laws whose deadline nobody has checked in the statute within the last year."""

    title = _("deadline verified")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return (
            ("stale", _("Not verified in the last year")),
            ("current", _("Verified in the last year")),
        )

    def queryset(self, request, queryset):
        cutoff = datetime.date.today() - VERIFICATION_MAX_AGE
        recent = Q(deadline_verified_on__gte=cutoff)
        if self.value() == "stale":
            return queryset.exclude(recent)
        if self.value() == "current":
            return queryset.filter(recent)
        return queryset


class LawExemptionInline(admin.TabularInline):
    """The data set's exemptions, read-only: the seed refreshes them from the HOLE release."""

    model = LawExemption
    fields = ("position", "category", "citation", "description", "scope", "source")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Law)
class LawAdmin(CuratedAdmin):
    list_display = (
        "jurisdiction",
        "name",
        "deadline_kind",
        "deadline_days",
        "deadline_source",
        "deadline_verified_on",
        "publication_status",
    )
    list_filter = (
        DeadlineVerifiedFilter, "publication_status", "deadline_kind", "deadline_source"
    )
    inlines = (LawExemptionInline,)
    search_fields = ("jurisdiction", "name", "statute_citation")
    readonly_fields = ("sources_side_by_side", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("jurisdiction", "sources_side_by_side")}),
        (_("Name and statute"), {"fields": (
            ("name", "name_source"),
            ("statute_citation", "statute_citation_source"),
            ("statute_url", "statute_url_source"),
        )}),
        (_("Response deadline"), {"fields": (
            "deadline_source", "deadline_kind", "deadline_days", "deadline_wording",
            "deadline_citation", "deadline_verified_on", "deadline_verification_note",
        )}),
        (_("Appeal route"), {"fields": (
            "appeal_route_source",
            ("appeal_first_level", "appeal_first_level_citation"),
            "appeal_first_level_deadline_days",
            ("appeal_second_level", "appeal_second_level_citation"),
            ("attorney_fees_recoverable", "attorney_fees_citation"),
            "attorney_fees_notes",
            "appeal_route",
        )}),
        (_("Fees and waivers"), {"fields": (
            "fee_notes_source",
            ("copy_fee", "copy_fee_citation"),
            ("search_fee", "search_fee_citation"),
            ("fee_waiver_available", "fee_waiver_citation"),
            "fee_waiver_notes",
            "fee_notes",
        )}),
        (_("What the law asks of a requester"), {"fields": (
            "requester_requirements_source",
            "requester_identification_required",
            "requester_purpose_required",
            "requester_residency_required",
            "requester_notes",
        )}),
        (_("Guides and notes"), {"fields": ("guide_links", "staff_notes")}),
        CuratedAdmin.provenance_fieldset,
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "jurisdiction") if obj else fields

    @admin.display(description=_("What the sources say"))
    def sources_side_by_side(self, obj):
        if obj is None or not obj.source_data:
            return _("None of the data sets covers this jurisdiction.")
        rows = []
        for source in DATASET_SOURCES:
            if not obj.source_data.get(source):
                continue
            deadline = sources.deadline_from(obj.source_data, source)
            days = (
                f"{deadline.days} {deadline.kind}" if deadline and deadline.is_fixed
                else (deadline.kind if deadline else "")
            )
            rows.append((
                FactSource(source).label,
                sources.name_from(obj.source_data, source),
                sources.citation_from(obj.source_data, source),
                days,
                deadline.wording if deadline else "",
            ))
        body = format_html_join(
            "", "<tr><th>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows
        )
        return format_html(
            '<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>'
            "</thead><tbody>{}</tbody></table><p>{}</p>",
            _("Source"), _("Name"), _("Citation"), _("Deadline"), _("Wording"), body,
            _("Choosing a data set as a fact's source fills the fact from it; editing a fact "
              "by hand marks it corrected by staff."),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        saved = law_update(law=obj, data=data, actor=request.user, reason="edited in the admin")
        obj.refresh_from_db()
        obj.pk = saved.pk


SAMPLE_REQUEST = {
    "agency": "Springfield Police Department",
    "requester_name": "Alex Example",
    "requester_contact": "123 Main Street, Springfield\nalex@example.org",
    "officer_name": "Officer Jordan Doe",
    "incident_description": "A traffic stop on Main Street on 1 March 2025 at about 9 pm.",
}


@admin.register(RequestTemplate)
class RequestTemplateAdmin(CuratedAdmin):
    form = RequestTemplateAdminForm
    list_display = ("jurisdiction", "subject", "language", "title", "publication_status")
    list_filter = ("publication_status", "subject", "language", "jurisdiction")
    search_fields = ("title", "body", "jurisdiction")
    readonly_fields = ("placeholder_help", "preview", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("jurisdiction", "subject", "language")}),
        (_("Letter"), {"fields": ("title", "body", "placeholder_help", "notes")}),
        (_("Preview with sample answers"), {"fields": ("preview",)}),
        CuratedAdmin.provenance_fieldset,
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description=_("Placeholders"))
    def placeholder_help(self, obj):
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li><code>{{{{ {} }}}}</code>: {}</li>", PLACEHOLDERS.items()),
        )

    @admin.display(description=_("Preview"))
    def preview(self, obj):
        if obj is None or not obj.pk:
            return _("Save the template to see a preview.")
        state = "USA-OR" if obj.jurisdiction == "USA-00" else obj.jurisdiction
        letter = letter_render(
            template=obj,
            law=law_for(state=state),
            request=LetterRequest(
                jurisdiction=state,
                subject=obj.subject,
                send_date=datetime.date.today(),
                **SAMPLE_REQUEST,
            ),
        )
        return format_html(
            '<p><strong>{}</strong></p><pre style="white-space:pre-wrap;max-width:80ch">{}</pre>',
            letter.title,
            letter.text,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        template_update(template=obj, data=data, actor=request.user)
