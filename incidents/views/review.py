"""Reviewers' pages: candidate incidents, decisions, disagreements, agreement and the export."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from core.choices import ForceRank, SourceKind
from core.permissions import role_required
from core.redirects import next_url
from core.spreadsheets import formula_safe
from core.roles import Role
from core.selectors import private_contact_for
from incidents import charts
from incidents.forms import (
    AdjudicationForm,
    BatchDecisionForm,
    DecisionForm,
    IncidentReviewForm,
)
from incidents.models import Incident, IncidentDecision, Label, Post, ReviewStatus
from incidents.selectors import (
    agreement_summary,
    disagreements,
    incident_review_queue,
    labeller_stats,
    review_counts,
    throughput_by_day,
    training_label_rows,
)
from incidents.services import (
    adjudication_record,
    incident_candidates_create,
    incident_decide,
    incident_update,
    incidents_decide,
)
from incidents.views.labelling import rank_guide

PAGE_SIZE = 50


def _model_suggestion(post: Post | None) -> dict | None:
    if post is None or post.predicted_rank is None:
        return None
    probabilities = []
    for rank, p in enumerate(post.rank_probabilities or []):
        if isinstance(p, (int, float)) and rank in ForceRank.values:
            probabilities.append({"rank": rank, "percent": round(100 * p)})
    return {
        "rank": post.predicted_rank,
        "label": post.get_predicted_rank_display(),
        "confidence": post.confidence,
        "scored_by": post.get_scored_by_display() if post.scored_by else "",
        "probabilities": probabilities,
        "version": post.classifier.version if post.classifier_id else "",
    }


@role_required(Role.REVIEWER)
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", ReviewStatus.CANDIDATE)
    if status not in ReviewStatus.values:
        status = ReviewStatus.CANDIDATE
    source = request.GET.get("source", "")
    if source not in SourceKind.values:
        source = ""
    q = request.GET.get("q", "").replace("\x00", "").strip()[:100]  # PostgreSQL refuses NUL
    queue = incident_review_queue(status=status, source=source, q=q).prefetch_related(
        Prefetch("post__labels", queryset=Label.objects.order_by("created_at"))
    )
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "incidents/review_list.html",
        {
            "page": page,
            "status": status,
            "source": source,
            "q": q,
            "counts": review_counts(),
            "statuses": ReviewStatus.choices,
            "sources": SourceKind.choices,
            "decision_form": DecisionForm(),
            "disagreements": disagreements().count(),
        },
    )


@role_required(Role.REVIEWER)
@require_POST
def review_batch(request: HttpRequest) -> HttpResponse:
    form = BatchDecisionForm(request.POST)
    back = next_url(request, default=reverse("incidents:review"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    done, errors = incidents_decide(
        incidents=Incident.objects.filter(pk__in=form.cleaned_data["ids"]),
        decision=form.cleaned_data["decision"],
        actor=request.user,
        reason=form.cleaned_data["reason"],
        note=form.cleaned_data["note"],
    )
    if done:
        messages.success(
            request,
            ngettext("%(count)d incident updated.", "%(count)d incidents updated.", done)
            % {"count": done},
        )
    for pk, problems in errors.items():
        messages.error(request, _("Incident %(pk)d: %(problems)s") % {"pk": pk, "problems": " ".join(problems)})
    return redirect(back)


@role_required(Role.REVIEWER)
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(
        Incident.objects.select_related("post", "post__classifier", "reviewed_by"), pk=pk
    )
    form = IncidentReviewForm(instance=incident)
    decision_form = DecisionForm(initial={"decision": ReviewStatus.APPROVED})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "save":
            form = IncidentReviewForm(request.POST, instance=Incident.objects.get(pk=pk))
            if form.is_valid():
                data = {name: form.cleaned_data[name] for name in form.Meta.fields if name not in ("departments", "officers")}
                try:
                    incident_update(
                        incident=incident,
                        actor=request.user,
                        fields=data,
                        departments=form.cleaned_data["departments"],
                        officers=form.cleaned_data["officers"],
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("Changes saved."))
                    return redirect("incidents:review_detail", pk=pk)
        elif action == "decide":
            decision_form = DecisionForm(request.POST)
            if decision_form.is_valid():
                try:
                    incident_decide(
                        incident=incident,
                        decision=decision_form.cleaned_data["decision"],
                        actor=request.user,
                        reason=decision_form.cleaned_data["reason"],
                        note=decision_form.cleaned_data["note"],
                    )
                except ValidationError as error:
                    decision_form.add_error(None, error)
                else:
                    messages.success(request, _("Decision recorded."))
                    following = (
                        incident_review_queue(status=ReviewStatus.CANDIDATE).exclude(pk=pk).first()
                    )
                    if following is not None:
                        return redirect("incidents:review_detail", pk=following.pk)
                    return redirect("incidents:review")
    post = incident.post
    return render(
        request,
        "incidents/review_detail.html",
        {
            "incident": incident,
            "form": form,
            "decision_form": decision_form,
            "post": post,
            "labels": post.labels.select_related("labeller").order_by("created_at") if post else [],
            "suggestion": _model_suggestion(post),
            "history": incident.history.select_related("history_user").order_by("-history_date")[:30],
            "contact": private_contact_for(record=incident),
            "decisions": incident.decisions.select_related("actor")[:30],
        },
    )


@role_required(Role.REVIEWER)
@require_POST
def candidates_create(request: HttpRequest) -> HttpResponse:
    counts = incident_candidates_create()
    messages.success(
        request,
        ngettext(
            "%(count)d new candidate incident from the posts.",
            "%(count)d new candidate incidents from the posts.",
            counts["created"],
        )
        % {"count": counts["created"]},
    )
    return redirect("incidents:review")


@role_required(Role.REVIEWER)
@require_GET
def adjudication_list(request: HttpRequest) -> HttpResponse:
    posts = disagreements().prefetch_related(
        Prefetch("labels", queryset=Label.objects.select_related("labeller").order_by("created_at"))
    )
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "incidents/adjudication_list.html", {"page": page})


@role_required(Role.REVIEWER)
def adjudicate(request: HttpRequest, post_id: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.select_related("classifier"), pk=post_id)
    form = AdjudicationForm()
    if request.method == "POST":
        form = AdjudicationForm(request.POST)
        if form.is_valid():
            choice = form.cleaned_data["choice"]
            adjudication_record(
                post=post,
                reviewer=request.user,
                force_rank=None if choice == "unclear" else int(choice),
                unclear=choice == "unclear",
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Final label recorded."))
            following = disagreements().exclude(pk=post.pk).first()
            if following is not None:
                return redirect("incidents:adjudicate", post_id=following.pk)
            return redirect("incidents:adjudication_list")
    existing = getattr(post, "adjudication", None)
    return render(
        request,
        "incidents/adjudicate.html",
        {
            "post": post,
            "form": form,
            "labels": post.labels.select_related("labeller").order_by("created_at"),
            "suggestion": _model_suggestion(post),
            "guide": rank_guide(),
            "existing": existing,
            "remaining": disagreements().count(),
        },
    )


@role_required(Role.REVIEWER)
@require_GET
def agreement(request: HttpRequest) -> HttpResponse:
    days = throughput_by_day(days=14)
    return render(
        request,
        "incidents/agreement.html",
        {
            "summary": agreement_summary(),
            "labellers": labeller_stats(days=30),
            "days_chart": charts.days_chart(days, title=charts.chart_titles()["days"]),
            "days_total": sum(d["n"] for d in days),
            "disagreements": disagreements().count(),
        },
    )


class _Echo:
    def write(self, value):
        return value


@role_required(Role.REVIEWER)
@require_GET
def labels_export(request: HttpRequest) -> StreamingHttpResponse:
    """Final labels for training: text,force_rank first, then ids and where the label came from."""
    writer = csv.writer(_Echo())
    header = ["text", "force_rank", "post_id", "source_kind", "external_id", "basis", "labels"]

    def rows():
        yield writer.writerow(header)
        for row in training_label_rows():
            yield writer.writerow([formula_safe(row[name]) for name in header])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="force-rank-labels-{stamp}.csv"'
    return response
