"""Redis unreachable (a closed port, for real): partners get a 503 envelope with Retry-After, the
docs still open, pages say to try again; nothing answers 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from rest_framework.test import APIClient

from api import metering
from tests.factories import DepartmentFactory, UserFactory, photo_bytes

CLOSED_PORT = "redis://127.0.0.1:6399/0"

pytestmark = pytest.mark.django_db


def _forget_clients():
    for cached in (metering.redis_client, metering._take_script, metering._admit_script):
        cached.cache_clear()


@pytest.fixture
def redis_down():
    # Not the `settings` fixture: the cache must be back before the autouse fixture clears it.
    cache = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CLOSED_PORT}}
    with override_settings(REDIS_URL=CLOSED_PORT, API_METER="redis", CACHES=cache):
        _forget_clients()
        yield
    _forget_clients()


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/API/BA/", {"HTTP_LAST": "Coy"}),
        ("/API/PRA/", {"HTTP_STATE": "USA-CA", "HTTP_SUBJECT": "0"}),
        ("/API/Oversight/", {"HTTP_STATE": "USA-CA"}),
    ],
)
@pytest.mark.parametrize("key", ["valid", "short", None])
def test_bad_apple_calls_answer_503_in_the_envelope(redis_down, partner, path, headers, key):
    extra = {"HTTP_API_KEY": partner[1] if key == "valid" else key} if key else {}
    response = APIClient().get(path, **headers, **extra)
    body = response.json()
    assert response.status_code == body["statusCode"] == 503
    assert body["results"] == [] and "try again" in body["statusMessage"]
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize("path", ["/api/v1/officers/", "/api/v1/reports/", "/api/v1/usage/"])
def test_rest_calls_answer_503_in_the_error_body(redis_down, partner, path):
    response = APIClient().get(path, HTTP_API_KEY=partner[1])
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "service_unavailable"
    assert int(response["Retry-After"]) > 0


def test_the_schema_and_the_docs_still_open(redis_down):
    assert APIClient().get("/api/v1/schema/").status_code == 200
    docs = APIClient().get("/api/v1/docs/")
    assert docs.status_code == 200 and "/API/BA/" in docs.content.decode()


@pytest.mark.parametrize("language", ["en", "es"])
def test_signing_in_says_to_try_again_in_the_visitors_language(redis_down, client, language):
    UserFactory(username="volunteer")
    response = client.post(f"/{language}/accounts/login/", {"username": "volunteer", "password": "x"})
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    text = response.content.decode()
    assert ("Try again in a moment" if language == "en" else "Vuelva a intentarlo en un momento") in text


def test_a_photo_submission_says_to_try_again_and_keeps_nothing(redis_down, client):
    from officers.models import Image

    department = DepartmentFactory()
    photo = SimpleUploadedFile("a.jpg", photo_bytes(color=(1, 2, 3)), content_type="image/jpeg")
    response = client.post(
        "/en/officers/photos/submit/", {"department": department.pk, "photos": [photo], "rights": "on", "note": ""}
    )
    assert response.status_code == 503 and "Try again in a moment" in response.content.decode()
    assert not Image.objects.exists()
