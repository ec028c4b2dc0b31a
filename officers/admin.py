"""Admin for departments, officers and their records (Image/Face admin lives in admin_photos).

Curators see and edit only the departments that list them as curators; admins see everything.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import CuratedAdmin
from core.roles import Role, user_has_role
from officers import selectors, services
from officers.importers import ADVANCED_FILES, ImportOptions, import_advanced, import_wide
from officers.models import (
    CertificationEvent,
    Assignment,
    Department,
    Description,
    Face,
    Link,
    Note,
    Officer,
    OfficerMerge,
    Rank,
    Salary,
    Unit,
)
from officers.views import _zip_response

MAX_UPLOAD = 50 * 1024 * 1024


class DepartmentScopedMixin:
    """Limit rows and choices to the departments the user curates."""

    department_path = "department"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if user_has_role(request.user, Role.ADMIN):
            return queryset
        lookup = "curators" if self.department_path == "pk" else f"{self.department_path}__curators"
        return queryset.filter(**{lookup: request.user})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Department:
            kwargs["queryset"] = selectors.departments_curated_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


class RankInline(admin.TabularInline):
    model = Rank
    extra = 0


@admin.register(Department)
class DepartmentAdmin(DepartmentScopedMixin, CuratedAdmin):
    department_path = "pk"
    list_display = ("name", "short_name", "state", "city", "officer_count", "publication_status")
    list_filter = ("publication_status", "state")
    search_fields = ("name", "short_name", "city")
    filter_horizontal = ("curators",)
    inlines = [RankInline, UnitInline]
    actions = [*CuratedAdmin.actions, "export_csv"]
    fieldsets = (
        (None, {"fields": ("name", "short_name", "state", "city", "internal_id_label", "curators")}),
        CuratedAdmin.provenance_fieldset,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(officer_total=Count("officers"))

    @admin.display(description=_("officers"), ordering="officer_total")
    def officer_count(self, obj):
        return obj.officer_total

    @admin.action(description=_("Export officers as CSV (zip)"))
    def export_csv(self, request, queryset):
        officers = Officer.objects.filter(department__in=queryset)
        return _zip_response(officers, "officers-export.zip")


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    fields = ("badge_number", "rank", "unit", "start_date", "end_date")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        officer = getattr(request, "_officer_obj", None)
        if db_field.name in ("rank", "unit") and officer is not None:
            kwargs["queryset"] = db_field.related_model.objects.filter(department=officer.department_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SalaryInline(admin.TabularInline):
    model = Salary
    extra = 0


class LinkInline(admin.StackedInline):
    model = Link
    extra = 0
    fields = ("url", "link_type", "title", "author", "description")


class DescriptionInline(admin.StackedInline):
    model = Description
    extra = 0
    fields = ("text", "author")
    readonly_fields = ("author",)


class NoteInline(admin.StackedInline):
    model = Note
    extra = 0
    fields = ("text", "author")
    readonly_fields = ("author",)
    verbose_name_plural = _("staff notes (never public)")


class FaceInline(admin.TabularInline):
    model = Face
    extra = 0
    can_delete = False
    fields = ("crop", "image", "origin", "confirmed_by", "is_featured")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class ImportForm(forms.Form):
    FORMATS = [("wide", _("Wide CSV (bulk-add-officers)")), ("advanced", _("Advanced import (several CSV files)"))]
    department = forms.ModelChoiceField(queryset=Department.objects.none(), label=_("Department"))
    format = forms.ChoiceField(choices=FORMATS, widget=forms.RadioSelect, initial="wide", label=_("Format"))
    wide = forms.FileField(required=False, label=_("Wide CSV"))
    officers = forms.FileField(required=False, label="officers.csv")
    assignments = forms.FileField(required=False, label="assignments.csv")
    salaries = forms.FileField(required=False, label="salaries.csv")
    links = forms.FileField(required=False, label="links.csv")
    incidents = forms.FileField(required=False, label="incidents.csv")
    publish = forms.BooleanField(required=False, label=_("Publish the officers it creates"))
    dataset = forms.CharField(required=False, max_length=200, label=_("Data set name"))
    source_url = forms.URLField(required=False, max_length=1000, assume_scheme="https", label=_("Source URL"))
    partial = forms.BooleanField(required=False, label=_("Import the good rows even if some rows fail"))
    dry_run = forms.BooleanField(required=False, initial=True, label=_("Dry run: check and count, write nothing"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = selectors.departments_curated_by(user)

    def clean(self):
        data = super().clean()
        for name in ("wide", *ADVANCED_FILES):
            upload = data.get(name)
            if upload and upload.size > MAX_UPLOAD:
                self.add_error(name, _("The file is larger than 50 MB."))
        if data.get("format") == "wide" and not data.get("wide"):
            self.add_error("wide", _("Choose the CSV file."))
        if data.get("format") == "advanced" and not data.get("officers"):
            self.add_error("officers", _("The advanced import needs officers.csv."))
        return data


class MergeForm(forms.Form):
    kept = forms.ChoiceField(widget=forms.RadioSelect, label=_("Keep this record"))
    reason = forms.CharField(required=False, max_length=300, label=_("Why (kept in the history)"))


@admin.register(Officer)
class OfficerAdmin(DepartmentScopedMixin, CuratedAdmin):
    list_display = ("__str__", "department", "internal_id", "race", "gender", "publication_status")
    list_filter = ("publication_status", "department", "race", "gender")
    list_select_related = ("department",)
    search_fields = ("first_name", "last_name", "internal_id", "=assignments__badge_number")
    autocomplete_fields = ("department",)
    readonly_fields = ("public_id", "merged_into", "created_at", "updated_at")
    inlines = [AssignmentInline, SalaryInline, DescriptionInline, LinkInline, NoteInline, FaceInline]
    actions = [*CuratedAdmin.actions, "merge_officers", "export_csv"]
    fieldsets = (
        (None, {"fields": (
            "department", ("first_name", "middle_name", "last_name", "suffix"), ("race", "gender"),
            ("birth_year", "employment_date"), "internal_id", "public_id", "merged_into",
        )}),
        CuratedAdmin.provenance_fieldset,
    )
    change_list_template = "admin/officers/officer/change_list.html"

    def get_form(self, request, obj=None, **kwargs):
        request._officer_obj = obj
        return super().get_form(request, obj, **kwargs)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, (Description, Note)) and instance.author_id is None:
                instance.author = request.user
            instance._history_user = request.user
            instance.save()
        for instance in formset.deleted_objects:
            instance._history_user = request.user
            instance.delete()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.officer_search_badges_refresh(officer_ids=[form.instance.pk])

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="officers_officer_import"),
            *super().get_urls(),
        ]

    @admin.action(description=_("Export selected officers as CSV (zip)"))
    def export_csv(self, request, queryset):
        return _zip_response(queryset, "officers-export.zip")

    @admin.action(description=_("Merge the two selected officers…"))
    def merge_officers(self, request, queryset):
        officers = list(queryset.select_related("department")[:3])
        if len(officers) != 2:
            self.message_user(request, _("Select exactly two officers to merge."), messages.ERROR)
            return None
        form = MergeForm(request.POST if "confirm" in request.POST else None)
        form.fields["kept"].choices = [(str(o.pk), f"{o} (#{o.pk}, {o.department})") for o in officers]
        if form.is_valid():
            kept = next(o for o in officers if str(o.pk) == form.cleaned_data["kept"])
            merged = next(o for o in officers if o.pk != kept.pk)
            try:
                services.officer_merge(kept=kept, merged=merged, actor=request.user, reason=form.cleaned_data["reason"])
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
                return None
            self.message_user(request, _("Merged %(merged)s into %(kept)s. Undo it from Officer merges.") % {"merged": merged, "kept": kept}, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:officers_officer_change", args=[kept.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge two officers"),
            "officers": [
                (o, o.assignments.select_related("rank", "unit"), o.faces.count(), o.salaries.count(), o.links.count())
                for o in officers
            ],
            "form": form,
            "queryset": officers,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return render(request, "admin/officers/officer/merge_confirm.html", context)

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        report = None
        form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            allowed = set(selectors.departments_curated_by(request.user).values_list("pk", flat=True))
            options = ImportOptions(
                department=data["department"],
                allowed_department_ids=allowed,
                actor=request.user,
                dry_run=data["dry_run"],
                partial=data["partial"],
                publish=data["publish"],
                dataset=data["dataset"],
                source_url=data["source_url"],
            )
            if data["format"] == "wide":
                upload = data["wide"]
                report = import_wide(upload.read(), options=options, name=upload.name)
            else:
                files = {name: data[name].read() for name in ADVANCED_FILES if data.get(name)}
                report = import_advanced(files, options=options)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import officers from CSV"),
            "form": form,
            "report": report,
            "opts": self.model._meta,
        }
        return render(request, "admin/officers/officer/import.html", context)


@admin.register(OfficerMerge)
class OfficerMergeAdmin(admin.ModelAdmin):
    list_display = ("created_at", "merged", "kept", "actor", "undone_at")
    list_filter = ("undone_at",)
    search_fields = ("kept__last_name", "merged__last_name")
    readonly_fields = [f.name for f in OfficerMerge._meta.fields]
    actions = ["undo"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("kept", "merged", "actor")
        return queryset.filter(kept__department__in=selectors.departments_curated_by(request.user))

    @admin.action(description=_("Undo the selected merges"))
    def undo(self, request, queryset):
        undone = 0
        for merge in queryset.filter(undone_at__isnull=True):
            try:
                services.officer_merge_undo(merge=merge, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
                continue
            undone += 1
        self.message_user(request, _("%(count)d merge(s) undone.") % {"count": undone}, messages.SUCCESS)


class OfficerChildAdmin(DepartmentScopedMixin, SimpleHistoryAdmin):
    department_path = "officer__department"
    autocomplete_fields = ("officer",)
    list_select_related = ("officer",)

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        super().save_model(request, obj, form, change)


@admin.register(Assignment)
class AssignmentAdmin(OfficerChildAdmin):
    list_display = ("officer", "badge_number", "rank", "unit", "start_date", "end_date")
    list_filter = ("officer__department",)
    search_fields = ("=badge_number", "officer__last_name")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.officer_search_badges_refresh(officer_ids=[obj.officer_id])


@admin.register(Salary)
class SalaryAdmin(OfficerChildAdmin):
    list_display = ("officer", "year", "is_fiscal_year", "salary", "overtime_pay")
    list_filter = ("year", "is_fiscal_year")
    search_fields = ("officer__last_name",)


@admin.register(Link)
class LinkAdmin(OfficerChildAdmin):
    list_display = ("title", "officer", "link_type", "url")
    list_filter = ("link_type",)
    search_fields = ("title", "url", "officer__last_name")


@admin.register(Description)
class DescriptionAdmin(OfficerChildAdmin):
    list_display = ("officer", "__str__", "author", "created_at")
    search_fields = ("text", "officer__last_name")


@admin.register(Note)
class NoteAdmin(OfficerChildAdmin):
    list_display = ("officer", "__str__", "author", "created_at")
    search_fields = ("text", "officer__last_name")


@admin.register(Rank)
class RankAdmin(DepartmentScopedMixin, SimpleHistoryAdmin):
    list_display = ("name", "department", "order", "is_sworn")
    list_filter = ("department", "is_sworn")
    search_fields = ("name", "department__name")


@admin.register(Unit)
class UnitAdmin(DepartmentScopedMixin, SimpleHistoryAdmin):
    list_display = ("name", "department")
    list_filter = ("department",)
    search_fields = ("name", "department__name")

# Image and Face live in their own module.
from officers import admin_photos  # noqa: E402, F401


@admin.register(CertificationEvent)
class CertificationEventAdmin(CuratedAdmin):
    list_display = ("officer", "kind", "state", "date", "date_as_stated", "date_in_doubt", "source_list")
    list_filter = ("kind", "state", "date_in_doubt", "source_list", "publication_status")
    search_fields = ("officer__last_name", "officer__first_name", "reason", "agency_as_stated")
    raw_id_fields = ("officer",)
