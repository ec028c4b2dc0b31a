"""Several labellers at once, on PostgreSQL: nobody holds the same post, no label is lost."""

import threading
from collections import Counter

import pytest
from django.db import connection

from incidents.models import AssignmentState, Label, LabelAssignment
from incidents.services import label_assignment_next, label_submit
from tests.factories import PostFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

LABELLERS = 6
POSTS = 12


def _run_labellers(labellers, work):
    barrier = threading.Barrier(len(labellers))
    errors = []

    def run(labeller):
        try:
            barrier.wait()
            work(labeller)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(labeller,)) for labeller in labellers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def test_concurrent_labellers_never_hold_the_same_post():
    PostFactory.create_batch(POSTS)
    labellers = [UserFactory() for _ in range(LABELLERS)]
    held = {}

    def claim(labeller):
        assignment = label_assignment_next(labeller=labeller)
        held[labeller.pk] = assignment.post_id if assignment else None

    _run_labellers(labellers, claim)
    posts = [post for post in held.values() if post is not None]
    assert len(posts) == LABELLERS, "every labeller should get a post: there are enough"
    assert len(set(posts)) == len(posts), f"two labellers got the same post: {held}"
    assert LabelAssignment.objects.filter(state=AssignmentState.OPEN).count() == LABELLERS


def test_concurrent_labellers_label_everything_twice_and_lose_nothing():
    PostFactory.create_batch(POSTS)
    labellers = [UserFactory() for _ in range(LABELLERS)]
    submitted = Counter()
    lock = threading.Lock()

    def label_until_empty(labeller):
        while True:
            assignment = label_assignment_next(labeller=labeller)
            if assignment is None:
                return
            label_submit(labeller=labeller, post=assignment.post, force_rank=assignment.post_id % 6)
            with lock:
                submitted[labeller.pk] += 1

    _run_labellers(labellers, label_until_empty)
    assert Label.objects.count() == sum(submitted.values()) == POSTS * 2
    per_post = Counter(Label.objects.values_list("post_id", flat=True))
    assert set(per_post.values()) == {2}
    pairs = Label.objects.values_list("post_id", "labeller_id")
    assert len(set(pairs)) == len(pairs), "a labeller labelled the same post twice"
