"""Uploads on S3-compatible object storage (MEDIA_S3_BUCKET), against a real S3 server: moto
in server mode, started here on loopback and spoken to over HTTP by django-storages."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from officers.photos.models import Image
from officers.photos.services import intake
from tests.factories import DepartmentFactory

ASTRONAUT = Path(__file__).resolve().parents[1] / "fixtures" / "astronaut.jpg"
BUCKET = "accountable-media"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def s3_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(url, timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        boto3.client("s3", endpoint_url=url, **CREDENTIALS).create_bucket(Bucket=BUCKET)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def s3_media(settings, s3_server):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET, "endpoint_url": s3_server, "region_name": "us-east-1",
                "access_key": "testing", "secret_key": "testing", "querystring_auth": True,
                "querystring_expire": 600, "default_acl": None, "file_overwrite": False,
            },
        },
    }
    return boto3.client("s3", endpoint_url=s3_server, **CREDENTIALS)


@pytest.mark.django_db
def test_a_submitted_photo_and_its_face_crop_live_in_the_bucket(s3_media, eager_tasks, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("astronaut.jpg", ASTRONAUT.read_bytes(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):  # face detection runs on commit
        [image] = intake.images_submit(department=DepartmentFactory(), files=[upload]).created
    image = Image.objects.get(pk=image.pk)
    [face] = image.faces.exclude(crop="")

    keys = {item["Key"] for item in s3_media.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert {image.file.name, face.crop.name} <= keys

    # A crop's URL is signed and opens from the bucket itself; the same URL unsigned is refused.
    url = face.crop.url
    assert "Signature=" in url or "X-Amz-Signature=" in url
    crop = requests.get(url, timeout=10)
    assert crop.status_code == 200 and crop.content[:2] == b"\xff\xd8"
    assert requests.get(url.split("?")[0], timeout=10).status_code == 403


@pytest.mark.django_db
def test_staff_still_open_an_original_through_django(s3_media, client, user_with_role):
    upload = SimpleUploadedFile("astronaut.jpg", ASTRONAUT.read_bytes(), content_type="image/jpeg")
    [image] = intake.images_submit(department=DepartmentFactory(), files=[upload]).created
    client.force_login(user_with_role("admin", is_staff=True, is_superuser=True))
    response = client.get(reverse("officers:photo_file", args=[image.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_the_bucket_setting_selects_object_storage_with_signed_urls():
    script = (
        "import django; django.setup(); from django.core.files.storage import storages; "
        "s = storages['default']; print(type(s).__name__, s.bucket_name, s.endpoint_url, s.querystring_auth)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", "MEDIA_S3_BUCKET": BUCKET, "PATH": "/usr/bin:/bin",
           "MEDIA_S3_ENDPOINT_URL": "https://s3.example.org", "MEDIA_S3_ACCESS_KEY_ID": "key",
           "MEDIA_S3_SECRET_ACCESS_KEY": "secret"}
    result = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[2],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["S3Storage", BUCKET, "https://s3.example.org", "True"], result.stderr
