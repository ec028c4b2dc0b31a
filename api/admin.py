"""Staff issue, rotate and revoke partner keys; new secrets are shown once on a page of their own."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api import metering, selectors
from api.models import DailyUsage, PartnerKey
from api.services import partner_key_create, partner_key_revoke, partner_key_rotate, partner_key_update
from core.admin import ScopedHistoryAdmin

EDITABLE = [
    "organisation", "contact_name", "contact_email", "purpose", "expected_weekly_volume",
    "weekly_quota", "is_active", "expires_at",
]


def _show_secrets(modeladmin, request, pairs, title):
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "title": title,
        "pairs": pairs,
    }
    return TemplateResponse(request, "admin/api/partnerkey/secret.html", context)


@admin.register(PartnerKey)
class PartnerKeyAdmin(ScopedHistoryAdmin):
    list_display = [
        "organisation", "prefix", "weekly_quota", "credits_used_this_week", "is_active",
        "expires_at", "revoked_at", "created_at",
    ]
    list_filter = ["is_active", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["organisation", "contact_name", "contact_email", "prefix"]
    readonly_fields = ["prefix", "public_id", "rotated_at", "revoked_at", "created_by", "created_at", "updated_at"]
    fields = [*EDITABLE, *readonly_fields]
    actions = ["rotate_keys", "revoke_keys"]

    @admin.display(description=_("credits used this week"))
    def credits_used_this_week(self, key: PartnerKey) -> str:
        standing = metering.peek(meter_id=key.public_id, key_id=key.pk, quota=key.weekly_quota)
        return f"{standing.used} / {key.weekly_quota}"

    def save_model(self, request, obj, form, change):
        if change:
            partner_key_update(key=obj, actor=request.user, **{name: form.cleaned_data[name] for name in EDITABLE})
            return
        key, secret = partner_key_create(actor=request.user, **{name: form.cleaned_data[name] for name in EDITABLE})
        obj.pk, obj.prefix = key.pk, key.prefix
        request._new_secret = (key, secret)

    def response_add(self, request, obj, post_url_continue=None):
        key, secret = request._new_secret
        return _show_secrets(self, request, [(key, secret)], _("New API key"))

    @admin.action(description=_("Rotate selected keys (the old secrets stop working)"))
    def rotate_keys(self, request, queryset):
        pairs = [(key, partner_key_rotate(key=key, actor=request.user)) for key in queryset.filter(revoked_at__isnull=True)]
        if not pairs:
            self.message_user(request, _("Revoked keys cannot be rotated."), messages.WARNING)
            return None
        return _show_secrets(self, request, pairs, _("Rotated API keys"))

    @admin.action(description=_("Revoke selected keys"))
    def revoke_keys(self, request, queryset):
        revoked = sum(partner_key_revoke(key=key, actor=request.user) for key in queryset)
        self.message_user(
            request,
            ngettext("%(count)d key revoked.", "%(count)d keys revoked.", revoked) % {"count": revoked},
            messages.SUCCESS,
        )


@admin.register(DailyUsage)
class DailyUsageAdmin(admin.ModelAdmin):
    list_display = ["day", "key", "calls", "credits", "refused"]
    list_filter = ["day", "key"]
    date_hierarchy = "day"
    search_fields = ["key__organisation", "key__prefix"]
    list_select_related = ["key"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        days = selectors.usage_totals_by_day(days=28)
        peak = max([day["credits"] for day in days] + [1])
        chart_height = 120
        bar_width = 20
        bars = [
            {
                **day,
                "x": index * (bar_width + 4),
                "height": round(chart_height * day["credits"] / peak),
                "y": chart_height - round(chart_height * day["credits"] / peak),
            }
            for index, day in enumerate(days)
        ]
        extra_context = {
            **(extra_context or {}),
            "chart": {
                "bars": bars, "peak": peak, "height": chart_height, "bar_width": bar_width,
                "width": len(bars) * (bar_width + 4),
            },
        }
        return super().changelist_view(request, extra_context)
