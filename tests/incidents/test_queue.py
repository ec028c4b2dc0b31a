import datetime

import pytest
from django.utils import timezone

from incidents.models import AssignmentState, Label, LabelAssignment
from incidents.services import LEASE, label_assignment_next, label_skip, label_submit
from tests.factories import PostFactory, UserFactory

pytestmark = pytest.mark.django_db


class Rng:
    """A stand-in for random.Random: `draw` decides whether this pick is a random one."""

    def __init__(self, draw=0.99, pivot=None):
        self.draw, self.pivot = draw, pivot

    def random(self):
        return self.draw

    def randint(self, low, high):
        return self.pivot if self.pivot is not None else low


UNCERTAIN_FIRST = Rng(draw=0.99)
AT_RANDOM = Rng(draw=0.01)


def test_it_gives_the_least_certain_post_first():
    labeller = UserFactory()
    PostFactory(confidence=0.95, predicted_rank=1)
    unsure = PostFactory(confidence=0.41, predicted_rank=3)
    PostFactory(confidence=0.70, predicted_rank=4)
    assignment = label_assignment_next(labeller=labeller, rng=UNCERTAIN_FIRST)
    assert assignment.post == unsure
    assert not assignment.picked_at_random


def test_posts_flagged_for_a_person_come_before_any_confidence():
    labeller = UserFactory()
    PostFactory(confidence=0.2)
    flagged = PostFactory(confidence=0.9, needs_review=True)
    assert label_assignment_next(labeller=labeller, rng=UNCERTAIN_FIRST).post == flagged


def test_some_posts_are_drawn_at_random():
    labeller = UserFactory()
    PostFactory(confidence=0.1)
    confident = PostFactory(confidence=0.99)
    assignment = label_assignment_next(labeller=labeller, rng=Rng(draw=0.01, pivot=confident.pk))
    assert assignment.post == confident
    assert assignment.picked_at_random


def test_about_a_fifth_of_picks_are_random():
    import random

    rng = random.Random(7)
    labeller = UserFactory()
    PostFactory.create_batch(3)
    picks = []
    for _ in range(150):
        assignment = label_assignment_next(labeller=labeller, rng=rng)
        picks.append(assignment.picked_at_random)
        assignment.delete()
    assert 0.1 < sum(picks) / len(picks) < 0.3


def test_the_same_post_comes_back_until_it_is_labelled():
    labeller = UserFactory()
    PostFactory.create_batch(3)
    first = label_assignment_next(labeller=labeller)
    assert label_assignment_next(labeller=labeller).post == first.post
    label_submit(labeller=labeller, post=first.post, force_rank=2)
    assert label_assignment_next(labeller=labeller).post != first.post


def test_it_never_gives_a_labeller_a_post_they_already_labelled():
    labeller = UserFactory()
    post = PostFactory()
    label_submit(labeller=labeller, post=post, force_rank=1)
    assert label_assignment_next(labeller=labeller) is None


def test_each_post_gets_two_labels_from_two_different_labellers_then_leaves_the_queue():
    post = PostFactory()
    ana, ben, cy = UserFactory(), UserFactory(), UserFactory()
    for labeller in (ana, ben):
        assignment = label_assignment_next(labeller=labeller)
        assert assignment.post == post
        label_submit(labeller=labeller, post=post, force_rank=3)
    assert label_assignment_next(labeller=cy) is None
    assert set(post.labels.values_list("labeller", flat=True)) == {ana.pk, ben.pk}


def test_a_post_held_by_one_labeller_is_not_given_to_another():
    PostFactory()
    first = label_assignment_next(labeller=UserFactory())
    assert first is not None
    assert label_assignment_next(labeller=UserFactory()) is None


def test_an_expired_lease_frees_the_post_for_someone_else():
    post = PostFactory()
    stale = label_assignment_next(labeller=UserFactory())
    LabelAssignment.objects.filter(pk=stale.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    fresh = label_assignment_next(labeller=UserFactory())
    assert fresh.post == post
    stale.refresh_from_db()
    assert stale.state == AssignmentState.EXPIRED


def test_a_late_label_is_kept_after_the_lease_ran_out():
    post = PostFactory()
    slow, quick = UserFactory(), UserFactory()
    stale = label_assignment_next(labeller=slow)
    LabelAssignment.objects.filter(pk=stale.pk).update(expires_at=timezone.now() - LEASE)
    label_assignment_next(labeller=quick)
    label_submit(labeller=slow, post=post, force_rank=4)
    label_submit(labeller=quick, post=post, force_rank=4)
    assert Label.objects.filter(post=post).count() == 2


def test_a_skipped_post_is_not_offered_again_to_that_labeller_but_is_to_others():
    post = PostFactory()
    skipper, other = UserFactory(), UserFactory()
    assignment = label_assignment_next(labeller=skipper)
    label_skip(labeller=skipper, post=assignment.post)
    assert label_assignment_next(labeller=skipper) is None
    assert label_assignment_next(labeller=other).post == post


def test_pressing_twice_keeps_one_label_with_the_latest_value():
    labeller = UserFactory()
    post = PostFactory()
    label_assignment_next(labeller=labeller)
    label_submit(labeller=labeller, post=post, force_rank=2)
    label_submit(labeller=labeller, post=post, force_rank=3)
    assert list(Label.objects.values_list("force_rank", flat=True)) == [3]


def test_unclear_is_a_label_of_its_own():
    labeller = UserFactory()
    post = PostFactory()
    label = label_submit(labeller=labeller, post=post, unclear=True)
    assert label.unclear and label.force_rank is None
    assert label.value == "unclear"


def test_a_rank_outside_the_scale_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        label_submit(labeller=UserFactory(), post=PostFactory(), force_rank=9)
    assert not Label.objects.exists()


def test_time_spent_is_measured_from_the_lease():
    labeller = UserFactory()
    post = PostFactory()
    assignment = label_assignment_next(labeller=labeller)
    LabelAssignment.objects.filter(pk=assignment.pk).update(
        assigned_at=timezone.now() - datetime.timedelta(seconds=12)
    )
    label = label_submit(labeller=labeller, post=post, force_rank=0)
    assert 11 < label.seconds_spent < 30


def test_the_post_the_model_is_torn_on_between_no_police_and_police_comes_first():
    """Active learning: the model's errors are mostly rank 1 read as 0, so a post it splits
    between those two teaches it more than one it is merely unsure of elsewhere."""
    labeller = UserFactory()
    PostFactory(confidence=0.45, labelling_priority=0.2)
    torn = PostFactory(confidence=0.5, labelling_priority=0.9)
    PostFactory(confidence=0.4, labelling_priority=None)

    assignment = label_assignment_next(labeller=labeller, rng=UNCERTAIN_FIRST)

    assert assignment.post == torn
