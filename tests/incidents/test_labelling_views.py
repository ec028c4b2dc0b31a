import pytest
from django.urls import reverse

from incidents.models import Label
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_the_queue_shows_one_post_with_its_source_and_the_guide_but_not_the_models_guess(client, user_with_role):
    PostFactory(text="Police pushed the crowd back", url="https://example.org/1", predicted_rank=2, confidence=0.51)
    client.force_login(user_with_role("labeller"))
    page = client.get(reverse("incidents:label")).text
    assert "Police pushed the crowd back" in page
    assert 'href="https://example.org/1"' in page
    for words in ("No police presence", "Lethal force", "Less-lethal impact"):
        assert words in page
    assert "0.51" not in page and "Model suggestion" not in page


def test_a_label_posted_from_the_queue_is_saved_and_the_next_post_follows(client, user_with_role):
    first, second = PostFactory(confidence=0.1), PostFactory(confidence=0.2)
    labeller = user_with_role("labeller")
    client.force_login(labeller)
    client.get(reverse("incidents:label"))
    response = client.post(reverse("incidents:label"), {"post": first.pk, "choice": "3"}, follow=True)
    assert Label.objects.get(labeller=labeller).force_rank == 3
    assert second.text in response.text


def test_skip_and_unclear_from_the_queue(client, user_with_role):
    post = PostFactory()
    client.force_login(user_with_role("labeller"))
    client.post(reverse("incidents:label"), {"post": post.pk, "choice": "skip"})
    assert not Label.objects.exists()
    client.post(reverse("incidents:label"), {"post": post.pk, "choice": "unclear"})
    assert Label.objects.get().unclear


def test_a_garbled_label_is_refused_politely(client, user_with_role):
    post = PostFactory()
    client.force_login(user_with_role("labeller"))
    response = client.post(reverse("incidents:label"), {"post": post.pk, "choice": "7"}, follow=True)
    assert response.status_code == 200
    assert "could not be read" in response.text
    assert not Label.objects.exists()


def test_the_queue_says_when_nothing_is_left(client, user_with_role):
    client.force_login(user_with_role("labeller"))
    assert "Nothing left to label" in client.get(reverse("incidents:label")).text


def test_reviewers_see_the_models_suggestion_when_settling_a_disagreement(client, user_with_role):
    from incidents.services import label_submit
    from tests.factories import UserFactory

    post = PostFactory(predicted_rank=4, confidence=0.62)
    label_submit(labeller=UserFactory(), post=post, force_rank=3)
    label_submit(labeller=UserFactory(), post=post, force_rank=4)
    client.force_login(user_with_role("reviewer"))
    page = client.get(reverse("incidents:adjudicate", args=[post.pk])).text
    assert "confidence 0.62" in page
    response = client.post(reverse("incidents:adjudicate", args=[post.pk]), {"choice": "4", "note": ""})
    assert response.status_code == 302
    from incidents.models import Adjudication

    assert Adjudication.objects.get(post=post).force_rank == 4


def test_labellers_see_how_many_settled_labels_each_rank_has(client, user_with_role):
    from incidents.services import adjudication_record, label_submit
    from tests.factories import UserFactory

    agreed = PostFactory()
    for _ in range(2):
        label_submit(labeller=UserFactory(), post=agreed, force_rank=1)
    split = PostFactory()
    label_submit(labeller=UserFactory(), post=split, force_rank=0)
    label_submit(labeller=UserFactory(), post=split, force_rank=1)
    decided = PostFactory()
    adjudication_record(post=decided, reviewer=UserFactory(), force_rank=3)
    label_submit(labeller=UserFactory(), post=PostFactory(), force_rank=5)  # one label: not settled

    client.force_login(user_with_role("labeller"))
    page = client.get(reverse("incidents:label")).text

    assert '<span class="guide-settled small" data-rank-settled="1">1 settled label so far' in page
    assert 'data-rank-settled="3">1 settled label so far' in page
    assert 'data-rank-settled="0">0 settled labels so far' in page
    assert 'data-rank-settled="5">0 settled labels so far' in page
