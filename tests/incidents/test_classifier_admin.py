"""Staff see a model's evaluation and activate it from there; one model serves at a time."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from incidents.classifier import registry
from incidents.models import ClassifierModel
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

METRICS = {
    "examples": 10,
    "accuracy": 0.9,
    "macro_f1": 0.8,
    "per_class": {
        str(rank): {"precision": 0.5, "recall": 0.25, "f1": 0.3333, "support": 2}
        for rank in range(6)
    },
    "confusion_matrix": [[2 if i == j else 0 for j in range(6)] for i in range(6)],
    "force_used": {"precision": 0.9, "recall": 0.8, "f1": 0.85, "support": 5},
}


@pytest.fixture
def models():
    return [
        ClassifierModel.objects.create(
            version=f"v{n}", base_checkpoint="x", path=f"classifier/v{n}", metrics=METRICS
        )
        for n in (1, 2)
    ]


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_activating_one_model_deactivates_the_other(models):
    first, second = models
    registry.classifier_activate(model=first)

    registry.classifier_activate(model=second)

    assert list(ClassifierModel.objects.filter(is_active=True)) == [second]
    first.refresh_from_db()
    assert first.is_active is False


def test_the_database_refuses_two_active_models(models):
    ClassifierModel.objects.filter(pk=models[0].pk).update(is_active=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        ClassifierModel.objects.filter(pk=models[1].pk).update(is_active=True)


def test_the_activation_page_shows_the_per_rank_evaluation(client, staff, models):
    response = client.get(reverse("admin:incidents_classifiermodel_activate", args=[models[0].pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Held-out evaluation of v1" in page
    assert "Open hand" in page and "0.333" in page
    assert "Confusion matrix" in page


def test_activation_needs_the_evaluation_confirmed(client, staff, models):
    url = reverse("admin:incidents_classifiermodel_activate", args=[models[0].pk])

    client.post(url, {})
    assert not ClassifierModel.objects.filter(is_active=True).exists()

    response = client.post(url, {"reviewed": "yes"})
    assert response.status_code == 302
    active = ClassifierModel.objects.get(is_active=True)
    assert active == models[0] and active.activated_by == staff


def test_activation_can_rescore_every_post(client, staff, models, monkeypatch):
    queued = []
    monkeypatch.setattr(
        "incidents.admin_classifier.enqueue_on_commit", lambda task, **kw: queued.append(kw)
    )

    client.post(
        reverse("admin:incidents_classifiermodel_activate", args=[models[1].pk]),
        {"reviewed": "yes", "rescore": "yes"},
    )

    assert queued == [{"rescore": True}]


def test_the_changelist_links_each_model_to_its_activation_page(client, staff, models):
    response = client.get(reverse("admin:incidents_classifiermodel_changelist"))

    assert (
        reverse("admin:incidents_classifiermodel_activate", args=[models[0].pk])
        in response.content.decode()
    )


def test_people_without_staff_access_cannot_activate(client, models):
    client.force_login(UserFactory())

    response = client.post(
        reverse("admin:incidents_classifiermodel_activate", args=[models[0].pk]),
        {"reviewed": "yes"},
    )

    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not ClassifierModel.objects.filter(is_active=True).exists()
