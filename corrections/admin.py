"""Triage of error reports: open → accepted (with the change it led to) or rejected."""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ScopedHistoryAdmin
from core.models import PrivateContact
from core.roles import Role, user_has_role
from corrections.models import Correction, CorrectionStatus
from corrections.services import correction_resolve


def _resolve_action(status: CorrectionStatus, description):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        count = 0
        for correction in queryset.order_by("pk"):
            correction_resolve(correction=correction, status=status, actor=request.user)
            count += 1
        modeladmin.message_user(
            request, ngettext("%(count)d error report updated.", "%(count)d error reports updated.", count) % {"count": count},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{status.value}"
    return action


@admin.register(Correction)
class CorrectionAdmin(ScopedHistoryAdmin):
    list_display = ("record_label", "content_type", "status", "created_at", "resolved_at")
    list_filter = ("status", "content_type")
    search_fields = ("record_label", "message")
    date_hierarchy = "created_at"
    actions = [
        _resolve_action(CorrectionStatus.ACCEPTED, _("Accept: the record was corrected")),
        _resolve_action(CorrectionStatus.REJECTED, _("Reject: the record is right")),
        _resolve_action(CorrectionStatus.OPEN, _("Reopen")),
    ]
    fields = (
        "record_link", "content_type", "message", "submitter_contact", "created_at",
        "status", "resolution_note", "resolved_by", "resolved_at", "record_change",
    )
    readonly_fields = (
        "record_link", "content_type", "message", "submitter_contact", "created_at",
        "resolved_by", "resolved_at", "record_change",
    )

    def has_add_permission(self, request):
        return False  # reports come from the public form

    @admin.display(description=_("record"))
    def record_link(self, obj: Correction):
        return format_html('<a href="{}">{}</a>', obj.record_path, obj.record_label)

    @admin.display(description=_("contact details (reviewers only)"))
    def submitter_contact(self, obj: Correction):
        contact = PrivateContact.objects.filter(
            content_type=ContentType.objects.get_for_model(Correction), object_id=obj.pk
        ).first()
        if contact is None:
            return _("None left, or deleted after the retention period.")
        return " · ".join(contact.parts)

    @admin.display(description=_("change in the record's history"))
    def record_change(self, obj: Correction):
        if obj.record_history_id is None:
            return "—"
        model = obj.content_type.model_class()
        try:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history",
                          args=[obj.object_id, obj.record_history_id])
        except NoReverseMatch:
            return str(obj.record_history_id)
        return format_html('<a href="{}">{}</a>', url, _("history entry %(id)s") % {"id": obj.record_history_id})

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if user_has_role(request.user, Role.REVIEWER):
            return fields
        return [name for name in fields if name != "submitter_contact"]

    def save_model(self, request, obj, form, change):
        if change and {"status", "resolution_note"} & set(form.changed_data):
            correction_resolve(correction=obj, status=obj.status, note=obj.resolution_note, actor=request.user)
        else:
            super().save_model(request, obj, form, change)


@admin.register(PrivateContact)
class PrivateContactAdmin(admin.ModelAdmin):
    """Contact details submitters left: reviewers read them to reply; they are never edited."""

    list_display = ("__str__", "content_type", "object_id", "created_at")
    list_filter = ("content_type",)
    readonly_fields = ("content_type", "object_id", "name", "email", "phone", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
