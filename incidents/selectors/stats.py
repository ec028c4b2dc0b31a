"""Agreement between labellers, throughput and the leaderboard."""

import datetime
import statistics
from collections import Counter, defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch
from django.db.models.functions import TruncDate
from django.utils import timezone

from incidents.agreement import cohen_kappa, interpret, krippendorff_alpha, percent_agreement
from incidents.models import Label, Post
from incidents.selectors.labels import final_human_label

CATEGORIES = ["0", "1", "2", "3", "4", "5", "unclear"]


def _labelled_posts():
    """Posts with two or more labels, labels in the order they were given."""
    return (
        Post.objects.exclude(raw__has_key="training_only")
        .annotate(n=Count("labels"))
        .filter(n__gte=2)
        .select_related("adjudication")
        .prefetch_related(
            Prefetch("labels", queryset=Label.objects.order_by("created_at", "pk"))
        )
        .order_by("pk")
    )


def agreement_summary() -> dict:
    """Overall agreement: first two labels of each post as a pair; all labels for alpha."""
    pairs, units = [], []
    confusion = {a: {b: 0 for b in CATEGORIES} for a in CATEGORIES}
    for post in _labelled_posts().iterator(chunk_size=1000):
        values = [label.value for label in post.labels.all()]
        units.append(values)
        first, second = values[0], values[1]
        pairs.append((first, second))
        # Symmetric: which labeller came first carries no meaning.
        confusion[first][second] += 1
        if first != second:
            confusion[second][first] += 1
    kappa = cohen_kappa(pairs)
    return {
        "posts": len(pairs),
        "percent_agreement": percent_agreement(pairs),
        "kappa": kappa,
        "kappa_words": interpret(kappa),
        "alpha": krippendorff_alpha(units),
        "categories": CATEGORIES,
        "confusion": [(a, [confusion[a][b] for b in CATEGORIES]) for a in CATEGORIES],
        "disagreements": sum(1 for a, b in pairs if a != b),
    }


def labeller_stats(*, days: int = 30) -> list[dict]:
    """Per labeller: labels (all time and recent), agreement with co-labellers and with the final
    label, Cohen's kappa against co-labellers, median seconds per label. Best first."""
    since = timezone.now() - datetime.timedelta(days=days)
    pairs: dict[int, list[tuple[str, str]]] = defaultdict(list)
    against_final: dict[int, list[bool]] = defaultdict(list)
    for post in _labelled_posts().iterator(chunk_size=1000):
        labels = list(post.labels.all())
        final = final_human_label(post)
        for label in labels:
            for other in labels:
                if other.pk != label.pk:
                    pairs[label.labeller_id].append((label.value, other.value))
            if final is not None:
                against_final[label.labeller_id].append(label.value == final)

    # Labels imported with a data set's conflicting texts (services.label_conflicts) are not
    # anyone's work here.
    labels = Label.objects.exclude(post__raw__has_key="training_only")
    totals = Counter(labels.values_list("labeller_id", flat=True))
    recent = Counter(labels.filter(created_at__gte=since).values_list("labeller_id", flat=True))
    seconds: dict[int, list[float]] = defaultdict(list)
    for labeller_id, spent in labels.exclude(seconds_spent=None).values_list(
        "labeller_id", "seconds_spent"
    ):
        seconds[labeller_id].append(spent)

    users = get_user_model().objects.in_bulk(list(totals))
    rows = []
    for labeller_id, total in totals.items():
        user = users.get(labeller_id)
        if user is None:
            continue
        mine = pairs.get(labeller_id, [])
        finals = against_final.get(labeller_id, [])
        kappa = cohen_kappa(mine)
        rows.append(
            {
                "user": user,
                "name": user.get_full_name() or user.get_username(),
                "labels": total,
                "recent": recent.get(labeller_id, 0),
                "compared": len(mine),
                "percent_agreement": percent_agreement(mine),
                "kappa": kappa,
                "kappa_words": interpret(kappa),
                "final_agreement": (sum(finals) / len(finals)) if finals else None,
                "median_seconds": statistics.median(seconds[labeller_id])
                if seconds.get(labeller_id)
                else None,
            }
        )
    rows.sort(key=lambda r: (-r["recent"], -r["labels"], r["name"]))
    for place, row in enumerate(rows, start=1):
        row["place"] = place
    return rows


def throughput_by_day(*, days: int = 14) -> list[dict]:
    """Labels per day over the last `days` days, today included, zeros kept."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=days - 1)
    rows = (
        Label.objects.filter(created_at__date__gte=start)
        .annotate(day=TruncDate("created_at"))
        .order_by()
        .values("day")
        .annotate(n=Count("pk"))
    )
    counts = {row["day"]: row["n"] for row in rows}
    return [
        {"day": start + datetime.timedelta(days=i), "n": counts.get(start + datetime.timedelta(days=i), 0)}
        for i in range(days)
    ]
