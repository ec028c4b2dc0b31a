"""Two volunteers never get the same photo at the same time."""

import threading

import pytest
from django.db import connection, transaction

from officers.photos.models import Image
from officers.photos.services import queue
from tests.factories import ImageFactory, UserFactory


def claim_in_thread(user, results, barrier):
    try:
        barrier.wait()
        image = queue.image_claim_next(user=user, stage="sort")
        results[user.username] = image.pk if image else None
    finally:
        connection.close()


@pytest.mark.django_db
def test_a_volunteer_keeps_their_photo_until_they_answer():
    volunteer, other = UserFactory(), UserFactory()
    first, second = ImageFactory(), ImageFactory()
    assert queue.image_claim_next(user=volunteer, stage="sort") == first
    assert queue.image_claim_next(user=volunteer, stage="sort") == first
    assert queue.image_claim_next(user=other, stage="sort") == second
    assert queue.image_claim_next(user=UserFactory(), stage="sort") is None


@pytest.mark.django_db
def test_an_abandoned_claim_expires(monkeypatch):
    from datetime import timedelta

    image = ImageFactory()
    queue.image_claim_next(user=UserFactory(), stage="sort")
    Image.objects.filter(pk=image.pk).update(claimed_at=image.created_at - timedelta(hours=1))
    assert queue.image_claim_next(user=UserFactory(), stage="sort") == image


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_volunteers_get_different_photos():
    images = [ImageFactory() for _ in range(6)]
    users = [UserFactory() for _ in range(4)]
    results, barrier = {}, threading.Barrier(len(users))
    threads = [threading.Thread(target=claim_in_thread, args=(user, results, barrier)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    claimed = list(results.values())
    assert None not in claimed and len(set(claimed)) == len(users)
    assert set(claimed) <= {image.pk for image in images}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_photo_locked_by_one_volunteer_is_skipped_not_waited_for():
    first, second = ImageFactory(), ImageFactory()
    locked, release = threading.Event(), threading.Event()

    def hold_lock():
        try:
            with transaction.atomic():
                Image.objects.select_for_update().get(pk=first.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    assert locked.wait(10)
    try:
        got = queue.image_claim_next(user=UserFactory(), stage="sort")
    finally:
        release.set()
        holder.join(10)
    assert got == second
