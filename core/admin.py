"""Admin bases for curated records: publication actions and change history on every model."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.models import PublicationStatus
from core.services import publication_status_set


def _status_action(status: PublicationStatus, description):
    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        changed = publication_status_set(queryset=queryset, status=status, actor=request.user)
        modeladmin.message_user(
            request,
            ngettext("%(count)d record updated.", "%(count)d records updated.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{status.value}"
    return action


class CuratedAdmin(SimpleHistoryAdmin):
    """Admin for a `CuratedModel`: filters by status, publish/retract actions, history."""

    actions = [
        _status_action(PublicationStatus.PUBLISHED, _("Publish selected records")),
        _status_action(PublicationStatus.RETRACTED, _("Retract selected records")),
        _status_action(PublicationStatus.DRAFT, _("Return selected records to draft")),
    ]
    list_filter = ("publication_status",)
    readonly_fields = ("created_at", "updated_at")
    provenance_fieldset = (
        _("Publication and provenance"),
        {"fields": ("publication_status", "source_url", "foia_number", "dataset")},
    )

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        super().save_model(request, obj, form, change)
