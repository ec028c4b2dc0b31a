"""The labelling queue: one post at a time, keyboard first."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.choices import FORCE_RANK_DESCRIPTIONS, ForceRank
from core.permissions import role_required
from core.roles import Role
from incidents.forms import LabelForm
from incidents.models import Post
from incidents.selectors import labeller_label_count, labeller_stats, settled_rank_counts
from incidents.services import label_assignment_next, label_skip, label_submit

# Invented, not taken from any post: a labeller should recognise the kind of event, not a text.
RANK_EXAMPLES = {
    ForceRank.NO_POLICE: gettext_lazy("“Thousands marched downtown today, peaceful and loud.”"),
    ForceRank.NO_FORCE: gettext_lazy("“Officers stood by the barricade and watched the crowd pass.”"),
    ForceRank.OPEN_HAND: gettext_lazy("“An officer shoved a woman to the ground and knelt on her back.”"),
    ForceRank.BLUNT: gettext_lazy("“Police fired rubber bullets and swung batons at the front line.”"),
    ForceRank.CHEMICAL_ELECTRIC: gettext_lazy("“Tear gas filled the street; a man was tased while running.”"),
    ForceRank.LETHAL: gettext_lazy("“An officer opened fire on the car, killing the driver.”"),
}


def rank_guide() -> list[dict]:
    return [
        {
            "value": value,
            "label": label,
            "description": FORCE_RANK_DESCRIPTIONS[ForceRank(value)],
            "example": RANK_EXAMPLES[ForceRank(value)],
        }
        for value, label in ForceRank.choices
    ]


@role_required(Role.LABELLER, Role.REVIEWER)
def label_queue(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = LabelForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("That label could not be read; please try again."))
            return redirect("incidents:label")
        post = get_object_or_404(Post, pk=form.cleaned_data["post"])
        choice = form.cleaned_data["choice"]
        try:
            if choice == "skip":
                label_skip(labeller=request.user, post=post)
            else:
                label_submit(
                    labeller=request.user,
                    post=post,
                    force_rank=None if choice == "unclear" else int(choice),
                    unclear=choice == "unclear",
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("incidents:label")

    # Posting a label's redirect lands here; a GET never changes a label, only hands out a lease.
    assignment = label_assignment_next(labeller=request.user)
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    leaderboard = labeller_stats(days=7)[:5]
    guide = rank_guide()
    settled = settled_rank_counts()
    for rank in guide:
        rank["settled"] = settled[rank["value"]]
    return render(
        request,
        "incidents/label.html",
        {
            "assignment": assignment,
            "post": assignment.post if assignment else None,
            "guide": guide,
            "today": labeller_label_count(labeller=request.user, since=today),
            "total": labeller_label_count(labeller=request.user),
            "week": labeller_label_count(
                labeller=request.user, since=timezone.now() - datetime.timedelta(days=7)
            ),
            "leaderboard": leaderboard,
        },
    )
