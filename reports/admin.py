from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import CuratedAdmin, LinkStatusInline, ScopedHistoryAdmin
from officers.admin import DepartmentScopedMixin
from officers.selectors import departments_curated_by
from reports.models import Finding, Report


class FindingInline(admin.StackedInline):
    model = Finding
    extra = 0
    fields = (("policy_category", "outcome", "position"), "summary", "basis")


@admin.register(Report)
class ReportAdmin(DepartmentScopedMixin, CuratedAdmin):
    """Curators see and save only reports of the departments they curate."""

    list_display = (
        "__str__", "department", "report_type", "incident_date", "finding_count",
        "publication_status", "dataset",
    )
    list_filter = (
        "publication_status", "report_type", "findings__outcome", "findings__policy_category",
        "department__state", "dataset",
    )
    search_fields = (
        "officer__last_name", "officer__first_name", "investigation_id", "department__name",
        "investigator", "badge_number",
    )
    date_hierarchy = "incident_date"
    raw_id_fields = ("officer", "department")
    readonly_fields = ("public_id", "created_at", "updated_at")
    inlines = [FindingInline, LinkStatusInline]
    list_select_related = ("officer", "department")
    fieldsets = (
        (None, {"fields": ("public_id", "officer", "department", "badge_number", "report_type")}),
        (_("Investigation"), {"fields": (
            "investigation_id", "investigator", "investigator_title", "investigator_employer",
            ("incident_date", "report_date"), "findings_summary", "conclusion",
        )}),
        (_("Documents"), {"fields": ("report_url", "archived_report_url", "records_request_url")}),
        CuratedAdmin.provenance_fieldset,
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description=_("findings"))
    def finding_count(self, report: Report) -> int:
        return report.findings.count()

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            instance._history_user = request.user
            instance.save()
        for instance in formset.deleted_objects:
            instance._history_user = request.user
            instance.delete()
        formset.save_m2m()


@admin.register(Finding)
class FindingAdmin(DepartmentScopedMixin, ScopedHistoryAdmin):
    """Findings across reports, for staff reviewing one policy or outcome at a time."""

    department_path = "report__department"

    list_display = ("report", "policy_category", "outcome")
    list_filter = ("outcome", "policy_category", "report__publication_status")
    search_fields = ("report__officer__last_name", "report__investigation_id", "summary", "basis")
    raw_id_fields = ("report",)
    list_select_related = ("report__officer",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "report":
            kwargs["queryset"] = Report.objects.filter(department__in=departments_curated_by(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
