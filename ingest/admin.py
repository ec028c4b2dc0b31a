"""Admin for sources (run now, import a file) and their runs (read-only)."""

import json

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.tasks import enqueue_on_commit
from ingest import selectors, services
from ingest.models import Run, RunStatus, Source, SourceKind
from ingest.sources import fetcher_for
from ingest.tasks import scrape_source

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
STATUS_BADGES = {
    RunStatus.SUCCEEDED: "ok",
    RunStatus.PARTIAL: "warn",
    RunStatus.SKIPPED: "warn",
    RunStatus.FAILED: "danger",
    RunStatus.RUNNING: "",
}


def _status_badge(status: str | None):
    if not status:
        return "—"
    return format_html(
        '<span class="badge {}">{}</span>', STATUS_BADGES.get(status, ""), RunStatus(status).label
    )


class ImportForm(forms.Form):
    FORMATS = [
        ("pb2020", _("2020PB incidents (pb2020_incidents.jsonl or all-locations-v2.json)")),
        ("csv", _("Posts CSV (id,text,created_at,url,…)")),
    ]
    format = forms.ChoiceField(label=_("What the file holds"), choices=FORMATS)
    file = forms.FileField(label=_("File"), help_text=_("UTF-8, at most 20 MB."))
    approve = forms.BooleanField(
        label=_("Approve imported incidents"),
        required=False,
        help_text=_("2020PB only: approved incidents appear on the public map."),
    )
    source_name = forms.CharField(
        label=_("Record CSV posts under the source"),
        initial="CSV import",
        max_length=200,
        required=False,
    )
    id_prefix = forms.CharField(label=_("Id prefix (CSV)"), max_length=50, required=False)
    dry_run = forms.BooleanField(label=_("Check only, import nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The file is not UTF-8 text (byte %(position)d).") % {"position": error.start}
            ) from error
        # PostgreSQL stores no NUL in text or JSON: a NUL reached the run's list of problems
        # (or a post) and the database refused it (a 500).
        if "\x00" in text:
            raise forms.ValidationError(
                _("The file contains a NUL character (byte %(position)d): it is not a text file.")
                % {"position": text.index("\x00")}
            )
        return text


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "enabled", "schedule_hours", "last_run", "last_run_at", "runs_link")
    list_filter = ("kind", "enabled")
    search_fields = ("name",)
    readonly_fields = ("availability", "cursor", "resume_after", "lease_until", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "kind", "enabled", "schedule_hours", "availability")}),
        (_("Configuration"), {"fields": ("config",), "description": _(
            "X: {\"queries\": [...], \"max_pages\": 5, \"max_results\": 100, "
            "\"max_wait_seconds\": 60, \"language\": \"en\"}. "
            "News: {\"url\": \"https://…/feed.xml\", \"max_items\": 200}."
        )}),
        (_("Progress"), {"fields": ("cursor", "resume_after", "lease_until", "created_at", "updated_at")}),
    )
    actions = ["run_now", "clear_pause"]
    change_list_template = "admin/ingest/source/change_list.html"

    def get_queryset(self, request):
        return selectors.source_list_with_last_run()

    @admin.display(description=_("last run"), ordering="last_run_status")
    def last_run(self, source):
        return _status_badge(source.last_run_status)

    @admin.display(description=_("last run started"), ordering="last_run_at")
    def last_run_at(self, source):
        return source.last_run_at or "—"

    @admin.display(description=_("runs"))
    def runs_link(self, source):
        url = reverse("admin:ingest_run_changelist") + f"?source__id__exact={source.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Runs"))

    @admin.display(description=_("can it run?"))
    def availability(self, source):
        if not source.pk:
            return "—"
        fetcher = fetcher_for(source.kind)
        if fetcher is None:
            return _("Imported with a command or the import page, not scraped.")
        return fetcher.unavailable_reason(source) or _("Ready.")

    def changelist_view(self, request, extra_context=None):
        if selectors.twitter_sources_without_token():
            self.message_user(
                request,
                _(
                    "X/Twitter sources are disabled: no bearer token is set. Set "
                    "TWITTER_BEARER_TOKEN (or TWITTER_BEARER_TOKEN_FILE) and restart the workers."
                ),
                messages.WARNING,
            )
        extra_context = {**(extra_context or {}), "import_url": reverse("admin:ingest_source_import")}
        return super().changelist_view(request, extra_context=extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        source = self.get_object(request, object_id)
        if source is not None and source.kind == SourceKind.TWITTER and not settings.TWITTER_BEARER_TOKEN:
            self.message_user(
                request,
                _("This source does not run: no X/Twitter bearer token is set (TWITTER_BEARER_TOKEN)."),
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Run the selected sources now"))
    def run_now(self, request, queryset):
        count = 0
        for source in queryset:
            if fetcher_for(source.kind) is None:
                continue
            enqueue_on_commit(scrape_source, source.pk, trigger=f"admin: {request.user}")
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d source queued; its run appears on the Runs page.",
                "%(count)d sources queued; their runs appear on the Runs page.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Lift the rate-limit pause of the selected sources"))
    def clear_pause(self, request, queryset):
        updated = queryset.update(resume_after=None)
        self.message_user(
            request,
            ngettext("%(count)d source updated.", "%(count)d sources updated.", updated)
            % {"count": updated},
        )

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="ingest_source_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        problems: list[str] = []
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                message = self._import(request, data)
            except services.ImportFailed as error:
                problems = error.problems[:100]
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, message, messages.SUCCESS)
                return redirect("admin:ingest_source_import")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import a data set or a CSV of posts"),
            "form": form,
            "problems": problems,
        }
        return TemplateResponse(request, "admin/ingest/source/import.html", context)

    def _import(self, request, data) -> str:
        prefix = _("Check only, nothing imported: ") if data["dry_run"] else ""
        if data["format"] == "pb2020":
            if not request.user.has_perm("incidents.add_incident"):
                raise PermissionDenied
            summary = services.pb2020_import(
                text=data["file"],
                name=request.FILES["file"].name,
                approve=data["approve"],
                dry_run=data["dry_run"],
                actor=request.user,
            )
            return prefix + _(
                "2020PB: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
                "%(approved)d approved."
            ) % vars(summary)
        name = data["source_name"] or "CSV import"
        source = services.import_source_get_or_create(name=name)
        if source.kind != SourceKind.CSV:
            raise services.ImportFailed(
                [_("Source %(name)s is not a CSV import source.") % {"name": name}]
            )
        run = services.posts_import_csv(
            source=source,
            text=data["file"],
            id_prefix=data["id_prefix"],
            dry_run=data["dry_run"],
            trigger=f"admin: {request.user}",
        )
        return prefix + _("CSV: %(new)d new posts, %(duplicates)d already stored.") % {
            "new": run.new,
            "duplicates": run.duplicates,
        }


@admin.register(Run)
class RunAdmin(admin.ModelAdmin):
    list_display = (
        "started_at", "source", "status_badge", "duration", "fetched", "new", "duplicates",
        "skipped", "error_count", "short_message",
    )
    list_filter = ("status", "source__kind", "source", "started_at")
    list_select_related = ("source",)
    search_fields = ("source__name", "message")
    date_hierarchy = "started_at"
    fields = (
        "source", "status", "trigger", "started_at", "finished_at", "fetched", "new",
        "duplicates", "skipped", "message", "error_list", "cursor_pretty",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, run):
        return _status_badge(run.status)

    @admin.display(description=_("errors"))
    def error_count(self, run):
        return len(run.errors or [])

    @admin.display(description=_("message"))
    def short_message(self, run):
        return (run.message[:120] + "…") if len(run.message) > 120 else run.message

    @admin.display(description=_("errors and warnings"))
    def error_list(self, run):
        if not run.errors:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li><strong>{}</strong>: {}</li>",
                ((e.get("level", "error"), e.get("message", "")) for e in run.errors),
            ),
        )

    @admin.display(description=_("cursor after the run"))
    def cursor_pretty(self, run):
        return format_html("<pre>{}</pre>", json.dumps(run.cursor, indent=2, ensure_ascii=False))
