"""Shared fixtures: role users, a real Celery worker, and a headless Chromium (Playwright)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
ARTEFACTS = ROOT / "test-artefacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous, so let Django allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Factories hash a password per user; the production hasher costs most of a second here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request to /es/ activates Spanish in the test thread; start every test in English."""
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _force_login_gives_the_second_factor(monkeypatch):
    """`client.force_login(staff)` stands for a finished sign-in, second factor included (see
    tests/core/test_two_factor.py for the real steps); a user with no need of one is unchanged."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from core.signin import second_factor_required

        if second_factor_required(user):
            verified_session(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


def verified_session(client, user) -> None:
    """Mark the client's session as having passed the second factor with a TOTP device."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def totp_now(device) -> str:
    """The code an authenticator app shows now for `device` (RFC 6238, computed from its key)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def user_with_role(db):
    def make(*roles: str, **fields):
        return UserFactory(roles=list(roles), **fields)

    return make


@pytest.fixture
def eager_tasks():
    """Run queued tasks in this process, even where Redis is set (worker tests cover Redis)."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


# --- Real Celery worker ---------------------------------------------------------------------


def _database_url_for_worker() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="session")
def live_worker(django_db_setup, django_db_blocker):
    """A real `celery worker` process consuming every queue, on the test database.

    Tests using it must be `@pytest.mark.django_db(transaction=True)` so the worker sees
    committed rows. Skipped only when REDIS_URL is unset (the newcomer default).
    """
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: the real-worker tests need Redis")
    from config.celery import app

    env = {
        **os.environ,
        "DATABASE_URL": _database_url_for_worker(),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CONN_MAX_AGE": "0",
    }
    ARTEFACTS.mkdir(exist_ok=True)
    log = (ARTEFACTS / "celery-worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "config", "worker",
            "-Q", "default,scrape,ml,images", "--pool", "solo", "--loglevel", "INFO",
            "--without-gossip", "--without-mingle", "--hostname", f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    app.conf.task_always_eager = False
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"celery worker exited early; see {log.name}")
            if app.control.ping(timeout=1.0):
                break
        else:
            raise RuntimeError(f"celery worker did not answer in 60 s; see {log.name}")
        yield app
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


# --- Headless Chromium ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


def _new_page(browser, viewport, locale):
    # Reduced motion: no smooth scrolling under the mouse while a test drags or clicks.
    context = browser.new_context(viewport=viewport, locale=locale, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def page(browser, live_server):
    """A desktop-sized page; `page.goto(live_server.url + path)`."""
    context, page = _new_page(browser, DESKTOP, "en-US")
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context, page = _new_page(browser, PHONE, "en-US")
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """`screenshot(page, "name")` saves a full-page PNG under test-artefacts/screenshots/."""
    folder = ARTEFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def login(page, live_server, user, password="correct horse battery staple", next_path=""):
    """Sign `user` in through the public sign-in page, as a person would; accounts that need a
    second factor get an authenticator and type its current code."""
    from core.signin import second_factor_required

    page.goto(f"{live_server.url}/en/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    if second_factor_required(user):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # A device per sign-in: a code is refused a second time (replay), and two sign-ins of
        # one user can fall in the same 30-second step.
        device = TOTPDevice.objects.create(user=user, name="browser sign-in", confirmed=True)
        page.goto(f"{live_server.url}/en/accounts/two-factor/?next={next_path or '/en/'}")
        page.fill("#id_token", totp_now(device))
        page.click("main button[type=submit]")
        page.wait_for_load_state()


def pytest_collection_modifyitems(config, items):
    """`@pytest.mark.postgres` tests skip on SQLite (the newcomer default); CI runs them."""
    if settings.IS_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
