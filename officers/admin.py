"""Admin for departments, officers and their records (Image/Face admin lives in photos/admin.py).

Curators see and edit only the departments that list them as curators; admins see everything.
"""

import zipfile

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from core.admin import CuratedAdmin, ScopedHistoryAdmin
from core.roles import Role, user_has_role
from officers import selectors
from officers.importers import ADVANCED_FILES, files_from_zip
from officers.importers import jobs, parsing
from officers.merges import services as merges
from officers.models import (
    CertificationEvent,
    Assignment,
    Department,
    Description,
    Face,
    ImportJob,
    Link,
    Note,
    Officer,
    OfficerMerge,
    Rank,
    Salary,
    Unit,
    officer_search_badges_refresh,
    search_key,
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
        # Choices, raw-id fields included, validate against these querysets: a curator cannot
        # point a record at another department or at another department's officer.
        curated = selectors.departments_curated_by(request.user)
        if db_field.related_model is Department:
            kwargs["queryset"] = curated
        elif db_field.related_model is Officer:
            kwargs["queryset"] = Officer.objects.filter(department__in=curated)
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
    FORMATS = [
        ("wide", _("Wide CSV (bulk-add-officers)")),
        ("advanced", _("Advanced import (several CSV files)")),
        ("zip", _("One zip of advanced-import files (an export, or OpenOversight's downloads)")),
    ]
    department = forms.ModelChoiceField(queryset=Department.objects.none(), label=_("Department"))
    format = forms.ChoiceField(choices=FORMATS, widget=forms.RadioSelect, initial="wide", label=_("Format"))
    wide = forms.FileField(required=False, label=_("Wide CSV"))
    officers = forms.FileField(required=False, label="officers.csv")
    assignments = forms.FileField(required=False, label="assignments.csv")
    salaries = forms.FileField(required=False, label="salaries.csv")
    links = forms.FileField(required=False, label="links.csv")
    descriptions = forms.FileField(required=False, label="descriptions.csv")
    incidents = forms.FileField(required=False, label="incidents.csv")
    archive = forms.FileField(required=False, label=_("Zip file"))
    update_static_fields = forms.BooleanField(
        required=False,
        label=_("Change names, race, gender, birth year and hire date of officers already here"),
    )
    update_by_name = forms.BooleanField(
        required=False, label=_("Match officers with neither badge nor internal id by name")
    )
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
        for name in ("wide", "archive", *ADVANCED_FILES):
            upload = data.get(name)
            if upload and upload.size > MAX_UPLOAD:
                self.add_error(name, _("The file is larger than 50 MB."))
        if data.get("format") == "wide" and not data.get("wide"):
            self.add_error("wide", _("Choose the CSV file."))
        if data.get("format") == "advanced" and not data.get("officers"):
            self.add_error("officers", _("The advanced import needs officers.csv."))
        if data.get("format") == "zip":
            if not data.get("archive"):
                self.add_error("archive", _("Choose the zip file."))
            else:
                try:
                    data["files"] = files_from_zip(data["archive"].read())
                except zipfile.BadZipFile:
                    self.add_error("archive", _("This is not a zip file."))
                else:
                    if not data["files"]:
                        self.add_error("archive", _("The zip holds no officers.csv, assignments.csv… file."))
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

    def get_search_results(self, request, queryset, search_term):
        """Names also match without case or accents ("garcia" finds García) on every database,
        through the officer's accent-free search columns; ids and badges match as typed."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        keys = [key for key in map(search_key, search_term.split()) if key]
        if keys:
            by_name = queryset
            for key in keys:
                by_name = by_name.filter(
                    Q(search_first_name__contains=key) | Q(search_last_name__contains=key)
                )
            results = results | by_name
        return results, may_have_duplicates

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
        officer_search_badges_refresh(officer_ids=[form.instance.pk])

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="officers_officer_import"),
            path(
                "import/<int:job_id>/",
                self.admin_site.admin_view(self.import_job_view),
                name="officers_officer_import_job",
            ),
            path(
                "import/<int:job_id>/write/",
                self.admin_site.admin_view(self.import_job_write),
                name="officers_officer_import_write",
            ),
            path(
                "import/<int:job_id>/progress/",
                self.admin_site.admin_view(self.import_job_progress),
                name="officers_officer_import_progress",
            ),
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
                merges.officer_merge(kept=kept, merged=merged, actor=request.user, reason=form.cleaned_data["reason"])
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
        form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            allowed = set(selectors.departments_curated_by(request.user).values_list("pk", flat=True))
            if data["format"] == "zip":
                files, wide_name = data["files"], ""
            elif data["format"] == "wide":
                files, wide_name = {"wide": data["wide"].read()}, data["wide"].name
            else:
                files = {name: data[name].read() for name in ADVANCED_FILES if data.get(name)}
                wide_name = ""
            job = jobs.import_job_create(
                user=request.user,
                department=data["department"],
                files=files,
                wide_name=wide_name,
                options={
                    "allowed_department_ids": sorted(allowed),
                    "dry_run": data["dry_run"],
                    "partial": data["partial"],
                    "publish": data["publish"],
                    "dataset": data["dataset"],
                    "source_url": data["source_url"],
                    "update_static_fields": data["update_static_fields"],
                    "update_by_name": data["update_by_name"],
                },
            )
            return HttpResponseRedirect(reverse("admin:officers_officer_import_job", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import officers from CSV"),
            "form": form,
            "columns": _import_columns(),
            "opts": self.model._meta,
        }
        return render(request, "admin/officers/officer/import.html", context)

    def import_job_view(self, request, job_id: int):
        if not self.has_add_permission(request):
            raise PermissionDenied
        job = _own_job(request, job_id)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import officers from CSV"),
            "job": job,
            "stage": jobs.import_job_stage_label(job.stage),
            "report": jobs.import_job_report(job),
            "problem_count": (job.report or {}).get("problem_count", 0),
            "can_write": jobs.import_job_can_repeat(job),
            "shown": jobs.SHOWN,
            "opts": self.model._meta,
        }
        return render(request, "admin/officers/officer/import_job.html", context)

    def import_job_write(self, request, job_id: int):
        """After a dry run: import the same files for real (POST only)."""
        if not self.has_add_permission(request) or request.method != "POST":
            raise PermissionDenied
        job = _own_job(request, job_id)
        allowed = set(selectors.departments_curated_by(request.user).values_list("pk", flat=True))
        if job.department_id not in allowed or not jobs.import_job_can_repeat(job):
            raise PermissionDenied
        repeated = jobs.import_job_repeat(
            job=job, user=request.user, allowed_department_ids=allowed
        )
        return HttpResponseRedirect(
            reverse("admin:officers_officer_import_job", args=[repeated.pk])
        )

    def import_job_progress(self, request, job_id: int):
        if not self.has_add_permission(request):
            raise PermissionDenied
        job = _own_job(request, job_id)
        return JsonResponse(
            {
                "status": job.status,
                "progress": job.progress,
                "stage": jobs.import_job_stage_label(job.stage),
                "finished": job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED),
            }
        )


def _own_job(request, job_id: int) -> ImportJob:
    """The person's own import (a curator sees no one else's uploads)."""
    try:
        return ImportJob.objects.select_related("department").get(pk=job_id, user=request.user)
    except ImportJob.DoesNotExist:
        raise Http404 from None


def _import_columns() -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Each file's columns with the other spellings read as them, for the import page."""
    aliases: dict[str, list[str]] = {}
    for alias, column in parsing.ALIASES.items():
        aliases.setdefault(column, []).append(alias.replace("_", " "))
    files = [
        ("bulk-add-officers (wide)", parsing.WIDE_COLUMNS + ["department_name", "department_state"]),
        ("officers.csv", parsing.OFFICER_COLUMNS + ["department_name", "department_state"]),
        ("assignments.csv", parsing.ASSIGNMENT_COLUMNS),
        ("salaries.csv", parsing.SALARY_COLUMNS),
        ("links.csv", parsing.LINK_COLUMNS),
    ]
    return [(name, [(column, aliases.get(column, [])) for column in columns]) for name, columns in files]


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
                merges.officer_merge_undo(merge=merge, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
                continue
            undone += 1
        self.message_user(request, _("%(count)d merge(s) undone.") % {"count": undone}, messages.SUCCESS)


class OfficerChildAdmin(DepartmentScopedMixin, ScopedHistoryAdmin):
    department_path = "officer__department"
    autocomplete_fields = ("officer",)
    list_select_related = ("officer",)


@admin.register(Assignment)
class AssignmentAdmin(OfficerChildAdmin):
    list_display = ("officer", "badge_number", "rank", "unit", "start_date", "end_date")
    list_filter = ("officer__department",)
    search_fields = ("=badge_number", "officer__last_name")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        officer_search_badges_refresh(officer_ids=[obj.officer_id])


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
class RankAdmin(DepartmentScopedMixin, ScopedHistoryAdmin):
    list_display = ("name", "department", "order", "is_sworn")
    list_filter = ("department", "is_sworn")
    search_fields = ("name", "department__name")


@admin.register(Unit)
class UnitAdmin(DepartmentScopedMixin, ScopedHistoryAdmin):
    list_display = ("name", "department")
    list_filter = ("department",)
    search_fields = ("name", "department__name")

# Image and Face live in the photo room; admin autodiscovery only imports officers.admin.
from officers.photos import admin as photos_admin  # noqa: E402, F401


@admin.register(CertificationEvent)
class CertificationEventAdmin(CuratedAdmin):
    list_display = ("officer", "kind", "state", "date", "date_as_stated", "date_in_doubt", "source_list")
    list_filter = ("kind", "state", "date_in_doubt", "source_list", "publication_status")
    search_fields = ("officer__last_name", "officer__first_name", "reason", "agency_as_stated")
    raw_id_fields = ("officer",)
