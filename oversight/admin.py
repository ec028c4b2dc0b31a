from django.contrib import admin, messages
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import CuratedAdmin, LinkStatusInline
from core.models import DEAD_STATES, LinkStatus
from core.roles import Role, user_has_role
from officers.selectors import departments_curated_by
from oversight.models import Commission, ComplaintLink
from oversight.services import link_status_recheck


class ComplaintLinkInline(admin.TabularInline):
    model = ComplaintLink
    extra = 1
    fields = ("kind", "form_type", "url", "title", "position")


class NeedsContactFilter(admin.SimpleListFilter):
    title = _("contact details")
    parameter_name = "contact"

    def lookups(self, request, model_admin):
        return [("needed", _("Needs contact details")), ("present", _("Has contact details"))]

    def queryset(self, request, queryset):
        missing = Q(website="", email="", phone="", address="", contact_form_url="")
        if self.value() == "needed":
            return queryset.filter(missing)
        if self.value() == "present":
            return queryset.exclude(missing)
        return queryset


@admin.register(Commission)
class CommissionAdmin(CuratedAdmin):
    list_display = ("name", "commission_type", "city", "state", "department_count", "publication_status", "dataset")
    list_filter = ("publication_status", NeedsContactFilter, "commission_type", "state", "dataset")
    search_fields = ("name", "city", "postal_code", "email", "departments__name")
    filter_horizontal = ("departments",)
    readonly_fields = ("public_id", "created_at", "updated_at")
    inlines = [ComplaintLinkInline, LinkStatusInline]
    fieldsets = (
        (None, {"fields": ("public_id", "name", "commission_type", "website", "about")}),
        (_("Roles"), {"fields": ("primary_role", "roles", ("established_year", "amended_year"))}),
        (_("Where"), {"fields": (("city", "state", "postal_code"), "address")}),
        (_("Contact"), {"fields": (("email", "phone"), ("tdd", "fax"), "contact_form_url", "press_contacts")}),
        (_("Complaints"), {"fields": ("complaint_instructions",)}),
        (_("More pages"), {"fields": ("members_url", "faq_url")}),
        (_("Coverage"), {"fields": ("departments",)}),
        CuratedAdmin.provenance_fieldset,
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description=_("departments"))
    def department_count(self, commission: Commission) -> int:
        return commission.departments.count()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if user_has_role(request.user, Role.ADMIN):
            return queryset
        # A curator keeps the bodies covering one of their departments, and those covering none
        # yet (new or statewide ones); never a body that covers only other departments.
        curated = departments_curated_by(request.user)
        return queryset.filter(Q(departments__in=curated) | Q(departments=None)).distinct()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "departments" and not user_has_role(request.user, Role.ADMIN):
            kwargs["queryset"] = departments_curated_by(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        # The curator's form lists only their departments: keep the others the body covers.
        others = []
        if change and not user_has_role(request.user, Role.ADMIN):
            curated = departments_curated_by(request.user)
            others = list(form.instance.departments.exclude(pk__in=curated))
        super().save_related(request, form, formsets, change)
        if others:
            form.instance.departments.add(*others)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            instance._history_user = request.user
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()


class DeadFilter(admin.SimpleListFilter):
    title = _("dead or alive")
    parameter_name = "dead"

    def lookups(self, request, model_admin):
        return [("yes", _("Dead links")), ("no", _("Working or not checked"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(state__in=DEAD_STATES)
        if self.value() == "no":
            return queryset.exclude(state__in=DEAD_STATES)
        return queryset


@admin.register(LinkStatus)
class LinkStatusAdmin(admin.ModelAdmin):
    list_display = ("url", "record_link", "field", "state", "http_status", "consecutive_failures", "checked_at")
    list_filter = (DeadFilter, "state", "content_type", "field")
    search_fields = ("url", "final_url", "error")
    readonly_fields = (
        "content_type", "object_id", "record_link", "field", "url", "state", "http_status",
        "final_url", "error", "checked_at", "failing_since", "consecutive_failures",
    )
    fields = readonly_fields
    actions = ["recheck"]
    list_select_related = ("content_type",)

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("record"))
    def record_link(self, status: LinkStatus):
        record = status.record
        if record is None:
            return "—"
        target = record.commission if isinstance(record, ComplaintLink) else record
        try:
            url = reverse(f"admin:{target._meta.app_label}_{target._meta.model_name}_change", args=[target.pk])
        except NoReverseMatch:
            return str(target)
        return format_html('<a href="{}">{}</a>', url, target)

    @admin.action(description=_("Check the selected links again now"))
    def recheck(self, request, queryset):
        dead = link_status_recheck(statuses=queryset)
        self.message_user(
            request,
            ngettext("%(count)d link is still dead.", "%(count)d links are still dead.", dead) % {"count": dead},
            messages.WARNING if dead else messages.SUCCESS,
        )
