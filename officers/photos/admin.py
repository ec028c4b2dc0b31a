"""Admin for submitted photos and their faces: review actions, thumbnails, faces inline."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ScopedHistoryAdmin
from officers.photos.models import Face, Image, ImageReviewState
from officers.photos.services.intake import images_review_set


def _review_action(state: ImageReviewState, description):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        changed = images_review_set(queryset=queryset, state=state, actor=request.user)
        modeladmin.message_user(
            request,
            ngettext("%(count)d photo updated.", "%(count)d photos updated.", changed) % {"count": changed},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{state.value}"
    return action


def _thumbnail(url: str, size: int, alt: str):
    return format_html(
        '<img src="{}" alt="{}" loading="lazy" style="max-width:{}px;max-height:{}px;border-radius:4px">',
        url, alt, size, size,
    )


class FaceAdminForm(forms.ModelForm):
    class Meta:
        model = Face
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        officer, image = cleaned.get("officer"), cleaned.get("image") or getattr(self.instance, "image", None)
        if officer and image and officer.department_id != image.department_id:
            self.add_error("officer", _("That officer is not in this photo's department."))
        return cleaned


class FaceInline(admin.TabularInline):
    model = Face
    form = FaceAdminForm
    extra = 0
    fields = ("crop_thumbnail", "officer", "x", "y", "width", "height", "origin", "confirmed_by", "is_featured")
    readonly_fields = ("crop_thumbnail", "origin", "confirmed_by")
    raw_id_fields = ("officer",)

    @admin.display(description=_("crop"))
    def crop_thumbnail(self, face):
        return _thumbnail(face.crop.url, 80, _("face crop")) if face.crop else "—"


@admin.register(Image)
class ImageAdmin(ScopedHistoryAdmin):
    list_display = ("thumbnail", "department", "review_state", "contains_officers", "face_count", "sorted_by", "created_at")
    list_filter = ("review_state", "contains_officers", ("faces_detected_at", admin.EmptyFieldListFilter), "department")
    search_fields = ("sha256", "department__name", "submitter_note")
    list_select_related = ("department", "sorted_by")
    date_hierarchy = "created_at"
    inlines = [FaceInline]
    actions = [
        _review_action(ImageReviewState.APPROVED, _("Approve selected photos")),
        _review_action(ImageReviewState.REJECTED, _("Reject selected photos")),
        _review_action(ImageReviewState.PENDING, _("Return selected photos to review")),
    ]
    readonly_fields = (
        "preview", "sha256", "width", "height", "taken_at", "submitted_by", "sorted_by", "sorted_at",
        "tagging_done_by", "tagging_done_at", "faces_detected_at", "created_at", "updated_at",
    )
    fields = (
        "preview", "department", "review_state", "contains_officers", "submitter_note", "taken_at",
        "sha256", "width", "height", "submitted_by", "sorted_by", "sorted_at", "tagging_done_by",
        "tagging_done_at", "faces_detected_at", "created_at", "updated_at",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_faces=Count("faces"))

    @admin.display(description=_("faces"), ordering="_faces")
    def face_count(self, image):
        return image._faces

    @admin.display(description=_("photo"))
    def thumbnail(self, image):
        return _thumbnail(reverse("officers:photo_file", args=[image.pk]), 96, _("submitted photo"))

    @admin.display(description=_("photo"))
    def preview(self, image):
        if not image.pk:
            return "—"
        return _thumbnail(reverse("officers:photo_file", args=[image.pk]), 640, _("submitted photo"))


@admin.register(Face)
class FaceAdmin(ScopedHistoryAdmin):
    form = FaceAdminForm
    list_display = ("crop_thumbnail", "officer", "image", "origin", "confirmed_by", "confirmed_at", "is_featured")
    list_filter = ("origin", "is_featured", ("officer", admin.EmptyFieldListFilter), "image__department")
    search_fields = ("officer__last_name", "officer__first_name", "image__sha256")
    list_select_related = ("officer", "image__department", "confirmed_by")
    raw_id_fields = ("image", "officer")
    readonly_fields = ("crop_thumbnail", "origin", "proposed_by", "confirmed_by", "confirmed_at", "created_at", "updated_at")

    @admin.display(description=_("crop"))
    def crop_thumbnail(self, face):
        return _thumbnail(face.crop.url, 80, _("face crop")) if face.crop else "—"
