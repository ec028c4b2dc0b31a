"""Admin bases for curated records: publication actions and change history on every model."""

from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp import admin as totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from core.models import LinkStatus, PublicationStatus
from core.parsing import ascii_int
from core.roles import Role, user_has_role
from core.services import publication_status_set
from core.signin import AdminSignInForm


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


class ScopedHistoryAdmin(SimpleHistoryAdmin):
    """History pages limited to the rows `get_queryset(request)` lets this user see.

    django-simple-history's history list and version/revert views look records up through the
    history table, past the admin's queryset, so a curator's department scoping would not apply
    there. Every history-enabled admin derives from this class. A deleted record is no longer in
    any queryset: its history is for admins only.
    """

    @staticmethod
    def _key_or_404(field: models.Field, value: str) -> str:
        # An address such as /history/x/ or /history/²⁰²¹/ reached the database as a lookup on an
        # integer key and failed there (a 500): a value that cannot be a key finds nothing.
        if isinstance(field, models.IntegerField):
            if ascii_int(value) is None:
                raise Http404
            return value
        try:
            field.to_python(value)
        except ValidationError as error:
            raise Http404 from error
        return value

    def _check_history_scope(self, request, object_id):
        self._key_or_404(self.model._meta.pk, unquote(object_id))
        if user_has_role(request.user, Role.ADMIN):
            return
        pk_name = self.model._meta.pk.attname
        if not self.get_queryset(request).filter(**{pk_name: unquote(object_id)}).exists():
            raise Http404

    def get_changeform_initial_data(self, request):
        # An add form prefilled from the address (?officer=12): an id that is not one would
        # crash the choice widget (a 500); it is dropped, and the form asks for it instead.
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.many_to_one or field.one_to_one:
                try:
                    field.target_field.get_prep_value(value)
                except (TypeError, ValueError, ValidationError):
                    del initial[name]
        return initial

    def history_view(self, request, object_id, extra_context=None):
        self._check_history_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_history_scope(request, object_id)
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute).model
        self._key_or_404(history._meta.get_field("history_id"), version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class CuratedAdmin(ScopedHistoryAdmin):
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


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes' attempts, with a clean-up action that works from the admin: axes reads the
    moment of a sign-in attempt off the request, which only its sign-in handling sets."""

    @admin.action(description=_("Clean up expired attempts"))
    def cleanup_expired_attempts(self, request, queryset):
        request.axes_attempt_time = timezone.now()
        return super().cleanup_expired_attempts(request, queryset)


admin.site.login_form = AdminSignInForm

admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptAdmin)


class TOTPDeviceAdmin(totp_admin.TOTPDeviceAdmin):
    """django-otp's device admin, whose key and QR-code pages fetch the device with `.get()`: an
    id that names no device (/totpdevice/0/qrcode/, a deleted one) was a 500; here it is a 404."""

    def config_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().qrcode_view(request, pk)


admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceAdmin)


class LinkStatusInline(GenericTabularInline):
    """The link checker's last word on this record's URLs (read-only)."""

    model = LinkStatus
    ct_field = "content_type"
    ct_fk_field = "object_id"
    extra = 0
    can_delete = False
    fields = ("field", "url", "state", "http_status", "checked_at", "consecutive_failures")
    readonly_fields = fields
    verbose_name_plural = _("link check")

    def has_add_permission(self, request, obj=None):
        return False
