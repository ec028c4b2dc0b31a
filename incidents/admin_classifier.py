"""Admin for the classifier model registry: read the evaluation, then activate.

A model goes into service only from its activation page, which shows the held-out evaluation
(per-rank figures and the confusion matrix) above the confirm button; there is no bulk
"activate" that skips it.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import ScopedHistoryAdmin
from core.choices import ForceRank
from core.tasks import enqueue_on_commit
from incidents.classifier.registry import classifier_activate
from incidents.models import ClassifierModel
from incidents.tasks import classify_pending_posts


def evaluation_context(metrics: dict) -> dict:
    """Rows ready for the template: per-rank figures and the shaded confusion matrix."""
    per_class = metrics.get("per_class") or {}
    matrix = metrics.get("confusion_matrix") or []
    rows = []
    for rank, label in ForceRank.choices:
        figures = per_class.get(str(rank), {})
        counts = matrix[rank] if rank < len(matrix) else []
        total = sum(counts) or 1
        rows.append(
            {
                "rank": rank,
                "label": label,
                "precision": figures.get("precision"),
                "recall": figures.get("recall"),
                "f1": figures.get("f1"),
                "support": figures.get("support"),
                "cells": [
                    {"count": count, "share": round(100 * count / total), "diagonal": index == rank}
                    for index, count in enumerate(counts)
                ],
            }
        )
    return {
        "has_evaluation": bool(per_class),
        "accuracy": metrics.get("accuracy"),
        "macro_f1": metrics.get("macro_f1"),
        "force_used": metrics.get("force_used") or {},
        "examples": metrics.get("examples"),
        "rows": rows,
        "ranks": [rank for rank, _label in ForceRank.choices],
        "serving_quantize": metrics.get("serving_quantize"),
    }


@admin.register(ClassifierModel)
class ClassifierModelAdmin(ScopedHistoryAdmin):
    list_display = (
        "version",
        "is_active",
        "accuracy",
        "macro_f1",
        "created_at",
        "activated_at",
        "activate_link",
    )
    list_filter = ("is_active",)
    search_fields = ("version", "base_checkpoint")
    ordering = ("-created_at",)
    readonly_fields = (
        "version",
        "base_checkpoint",
        "path",
        "is_active",
        "activated_at",
        "activated_by",
        "evaluation",
        "data_summary",
        "training_settings",
        "created_at",
        "updated_at",
    )
    exclude = ("metrics",)

    def has_add_permission(self, request):
        # Models come from train_classifier, which writes the files the registry points at.
        return False

    @admin.display(description=_("held-out accuracy"))
    def accuracy(self, obj):
        value = obj.metrics.get("accuracy")
        return f"{value:.3f}" if value is not None else "—"

    @admin.display(description=_("held-out macro-F1"))
    def macro_f1(self, obj):
        value = obj.metrics.get("macro_f1")
        return f"{value:.3f}" if value is not None else "—"

    @admin.display(description=_("activate"))
    def activate_link(self, obj):
        if obj.is_active:
            return _("serving")
        url = reverse("admin:incidents_classifiermodel_activate", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Review evaluation and activate"))

    @admin.display(description=_("held-out evaluation"))
    def evaluation(self, obj):
        return render_to_string(
            "admin/incidents/classifiermodel/evaluation.html", evaluation_context(obj.metrics)
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/activate/",
                self.admin_site.admin_view(self.activate_view),
                name="incidents_classifiermodel_activate",
            ),
            *super().get_urls(),
        ]

    def activate_view(self, request, pk):
        model = get_object_or_404(ClassifierModel, pk=pk)
        if not self.has_change_permission(request, model):
            raise PermissionDenied
        if request.method == "POST":
            if request.POST.get("reviewed") != "yes":
                messages.error(request, _("Confirm that you have read the evaluation first."))
            else:
                classifier_activate(model=model, actor=request.user)
                rescore = request.POST.get("rescore") == "yes"
                if rescore:
                    enqueue_on_commit(classify_pending_posts, rescore=True)
                messages.success(
                    request,
                    _("%(version)s is now the active classifier.") % {"version": model.version}
                    + (" " + str(_("Every post will be ranked again.")) if rescore else ""),
                )
                return redirect("admin:incidents_classifiermodel_changelist")
        active = ClassifierModel.objects.filter(is_active=True).exclude(pk=model.pk).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Activate %(version)s") % {"version": model.version},
            "object": model,
            "active": active,
            "evaluation": evaluation_context(model.metrics),
            "active_evaluation": evaluation_context(active.metrics) if active else None,
        }
        return TemplateResponse(request, "admin/incidents/classifiermodel/activate.html", context)
