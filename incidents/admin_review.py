"""Admin for posts, incidents, labels and adjudications: search, filters, review actions, history."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ScopedHistoryAdmin
from incidents.models import (
    Adjudication,
    Incident,
    IncidentDecision,
    Label,
    LabelAssignment,
    Post,
    RejectionReason,
    ReviewStatus,
)
from incidents.services import incidents_decide


class LabelInline(admin.TabularInline):
    model = Label
    extra = 0
    fields = ("labeller", "force_rank", "unclear", "seconds_spent", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("__str__", "source_kind", "posted_at", "predicted_rank", "confidence", "needs_review", "state")
    list_filter = ("source_kind", "predicted_rank", "needs_review", "language", "location_method", "state")
    search_fields = ("text", "title", "author", "external_id", "url")
    date_hierarchy = "posted_at"
    readonly_fields = ("created_at", "updated_at", "classified_at", "classifier", "scored_by", "rank_probabilities", "raw")
    raw_id_fields = ("source",)
    inlines = [LabelInline]
    list_select_related = ("source",)


class DecisionInline(admin.TabularInline):
    model = IncidentDecision
    extra = 0
    fields = ("decision", "reason", "note", "actor", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _decide(decision, reason, description):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        done, errors = incidents_decide(
            incidents=queryset, decision=decision, actor=request.user, reason=reason
        )
        modeladmin.message_user(
            request,
            ngettext("%(count)d incident updated.", "%(count)d incidents updated.", done)
            % {"count": done},
            messages.SUCCESS,
        )
        for pk, problems in errors.items():
            modeladmin.message_user(request, f"#{pk}: {' '.join(problems)}", messages.ERROR)

    action.__name__ = f"mark_{decision}_{reason or 'any'}"
    return action


@admin.register(Incident)
class IncidentAdmin(ScopedHistoryAdmin):
    list_display = ("title", "date", "force_rank", "state", "city", "source_kind", "review_status", "reviewed_by")
    list_filter = ("review_status", "force_rank", "source_kind", "dataset", "location_method", "state")
    search_fields = ("title", "summary", "city", "external_id", "source_url")
    date_hierarchy = "date"
    raw_id_fields = ("post", "departments", "officers")
    readonly_fields = ("review_status", "reviewed_by", "reviewed_at", "created_at", "updated_at")
    list_select_related = ("reviewed_by",)
    inlines = [DecisionInline]
    actions = [
        _decide(ReviewStatus.APPROVED, "", _("Approve and publish the selected incidents")),
        _decide(ReviewStatus.REJECTED, RejectionReason.NO_FORCE, _("Reject: police present, no force")),
        _decide(ReviewStatus.REJECTED, RejectionReason.NO_POLICE, _("Reject: not about police")),
        _decide(ReviewStatus.REJECTED, RejectionReason.DUPLICATE, _("Reject: duplicate")),
        _decide(ReviewStatus.CANDIDATE, "", _("Return the selected incidents to the candidates")),
    ]


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    list_display = ("post", "labeller", "force_rank", "unclear", "created_at")
    list_filter = ("force_rank", "unclear")
    search_fields = ("post__text", "labeller__username")
    raw_id_fields = ("post", "labeller")


@admin.register(LabelAssignment)
class LabelAssignmentAdmin(admin.ModelAdmin):
    list_display = ("post", "labeller", "state", "assigned_at", "expires_at", "picked_at_random")
    list_filter = ("state", "picked_at_random")
    raw_id_fields = ("post", "labeller")


@admin.register(Adjudication)
class AdjudicationAdmin(ScopedHistoryAdmin):
    list_display = ("post", "reviewer", "force_rank", "unclear", "created_at")
    list_filter = ("force_rank", "unclear")
    raw_id_fields = ("post", "reviewer")
