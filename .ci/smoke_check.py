"""The production smoke test's browser-less visitor, run by `.ci/smoke` against the proxy.

It crawls every public page in both languages (seeded from the URL conf, then every link the
pages show), fetches every image, stylesheet and script those pages use, submits a photo
through the public form, signs in to the admin through its form, approves the photo, waits for
the worker's face detection, fetches the face crop through the proxy, and runs every admin
action once. Any answer of 400 or more that a visitor would get is a failure.

It imports Django (same environment as the servers) only to list URL patterns and admin
actions and to find the photo it submitted; every request goes over HTTP through the proxy.
"""

import argparse
import collections
import os
import re
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import django
import requests

ROOT = Path(__file__).resolve().parent.parent
FACE_PHOTO = ROOT / "tests" / "fixtures" / "astronaut.jpg"
LANGUAGES = ("en", "es")
PAGES_PER_VIEW = 4  # pages per (view, language): enough to catch a broken template, not every officer
MAX_PAGES = 1500
SKIP_PREFIXES = ("/admin/", "/api/", "/API/", "/i18n/")
SKIP_NAMES = {"core:logout"}  # POST only; GET is refused by design


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pages, self.assets, self.forms_csrf = set(), set(), None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.pages.add(attrs["href"])
        elif tag in ("img", "script", "source") and attrs.get("src"):
            self.assets.add(attrs["src"])
        elif tag == "link" and attrs.get("href") and attrs.get("rel") in ("stylesheet", "icon", "preload", "manifest"):
            self.assets.add(attrs["href"])
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                self.assets.add(candidate.split()[0])
        if tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.forms_csrf = attrs.get("value")


def parse(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


class Smoke:
    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.host = urlsplit(self.base).netloc
        self.failures: list[str] = []
        self.counts = collections.Counter()

    def fail(self, message: str) -> None:
        print(f"FAIL {message}", flush=True)
        self.failures.append(message)

    def same_site(self, url: str) -> str | None:
        """The path+query of `url` when it is on this site, else None."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "") or (parts.netloc and parts.netloc != self.host):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    # --- crawl ----------------------------------------------------------------------------
    def seeds(self) -> list[str]:
        from django.urls import URLPattern, URLResolver, get_resolver
        from django.utils import translation

        found = []

        def walk(patterns, prefix, namespace):
            for pattern in patterns:
                route = prefix + str(pattern.pattern)
                if isinstance(pattern, URLResolver):
                    walk(pattern.url_patterns, route, pattern.namespace or namespace)
                elif isinstance(pattern, URLPattern) and "<" not in route and "(?" not in route:
                    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                    path = "/" + route.lstrip("^").rstrip("$")
                    if name not in SKIP_NAMES and not path.startswith(SKIP_PREFIXES):
                        found.append(path)

        for language in LANGUAGES:
            with translation.override(language):
                walk(get_resolver().url_patterns, "", None)
        return sorted({p for p in found if p.startswith(tuple(f"/{lang}/" for lang in LANGUAGES))})

    def crawl(self) -> None:
        from django.urls import Resolver404, resolve
        from django.utils import translation

        session = requests.Session()
        queue = collections.deque((path, "url conf") for path in self.seeds())
        seen, assets, per_view = set(), {}, collections.Counter()
        while queue and self.counts["pages"] < MAX_PAGES:
            path, referrer = queue.popleft()
            if path in seen:
                continue
            seen.add(path)
            language = urlsplit(path).path.split("/")[1]
            try:
                with translation.override(language if language in LANGUAGES else None):
                    view = (resolve(urlsplit(path).path).view_name, language)
            except Resolver404:
                view = ("unresolved", path)
            if per_view[view] >= PAGES_PER_VIEW and referrer != "url conf":
                continue
            per_view[view] += 1
            response = session.get(self.base + path, timeout=30)
            self.counts["pages"] += 1
            if response.status_code in (400, 405) and referrer == "url conf":
                # A form's target (a letter, a calendar file) asks for its fields, or takes
                # POST only; no page links to it bare, so a visitor never sees this answer.
                self.counts["form targets"] += 1
                continue
            if response.status_code >= 400:
                self.fail(f"{response.status_code} {path} (linked from {referrer})")
                continue
            if "text/html" not in response.headers.get("Content-Type", ""):
                continue
            links = parse(response.text)
            for href in links.pages:
                target = self.same_site(urldefrag(urljoin(response.url, href))[0])
                if target and not target.startswith(SKIP_PREFIXES) and "/logout/" not in target:
                    queue.append((target, path))
            for src in links.assets:
                target = self.same_site(urljoin(response.url, src))
                if target:
                    assets.setdefault(target, path)
        self.check_assets(session, assets)
        print(f"crawled {self.counts['pages']} pages of {len(per_view)} (view, language) pairs, "
              f"{self.counts['assets']} images/styles/scripts; {self.counts['form targets']} form targets "
              "need input", flush=True)
        if self.counts["pages"] < 20:
            self.fail(f"only {self.counts['pages']} pages crawled: the crawl did not find the site")

    def check_assets(self, session, assets: dict) -> None:
        checked = set()
        queue = collections.deque(assets.items())
        while queue:
            path, page = queue.popleft()
            if path in checked:
                continue
            checked.add(path)
            response = session.get(self.base + path, timeout=30)
            self.counts["assets"] += 1
            if response.status_code >= 400 or not response.content:
                self.fail(f"{response.status_code} asset {path} (on {page})")
                continue
            if "text/css" in response.headers.get("Content-Type", ""):
                for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", response.text):
                    target = self.same_site(urljoin(response.url, ref))
                    if target and not ref.startswith("data:"):
                        queue.append((target, path))

    # --- the photo flow -------------------------------------------------------------------
    def submit_photo(self) -> int:
        from officers.models import Image

        session = requests.Session()
        form_url = f"{self.base}/en/officers/photos/submit/"
        page = session.get(form_url, timeout=30)
        if page.status_code != 200:
            self.fail(f"{page.status_code} on the photo form")
            return 0
        department = re.search(r'<select name="department"[^>]*>.*?<option value="(\d+)"', page.text, re.S)
        if not department:
            self.fail("the photo form offers no department")
            return 0
        before = Image.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        answer = session.post(
            form_url,
            data={"csrfmiddlewaretoken": parse(page.text).forms_csrf, "department": department.group(1),
                  "note": "CI smoke test", "rights": "on"},
            files={"photos": ("astronaut.jpg", FACE_PHOTO.read_bytes(), "image/jpeg")},
            headers={"Referer": form_url}, timeout=60,
        )
        if answer.status_code != 200 or "/submit/thanks/" not in answer.url:
            self.fail(f"photo submission answered {answer.status_code} at {answer.url}")
            return 0
        image = Image.objects.filter(pk__gt=before).order_by("-pk").first()
        if image is None:
            self.fail("the submitted photo was not stored")
            return 0
        print(f"submitted photo #{image.pk}", flush=True)
        return image.pk

    def admin_session(self, username: str, password: str) -> requests.Session:
        from django.contrib.auth import get_user_model
        from django_otp.oath import totp
        from django_otp.plugins.otp_totp.models import TOTPDevice

        user = get_user_model().objects.get(username=username)
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="smoke test", defaults={"confirmed": True})
        session = requests.Session()
        login_url = f"{self.base}/admin/login/"
        page = session.get(login_url, params={"next": "/admin/"}, timeout=30)
        answer = session.post(
            login_url,
            data={"csrfmiddlewaretoken": parse(page.text).forms_csrf, "username": username,
                  "password": password, "next": "/admin/"},
            headers={"Referer": login_url}, timeout=30,
        )
        if urlsplit(answer.url).path.endswith("/accounts/two-factor/"):
            # Staff give a second factor: the code the authenticator app would show now.
            answer = session.post(
                answer.url,
                data={"csrfmiddlewaretoken": parse(answer.text).forms_csrf, "token": f"{totp(device.bin_key):06d}"},
                headers={"Referer": answer.url}, timeout=30,
            )
        if answer.status_code != 200 or urlsplit(answer.url).path != "/admin/":
            self.fail(f"admin sign-in failed: {answer.status_code} at {answer.url}")
        return session

    def wrong_password(self) -> None:
        """A failed sign-in on the public page, as a guesser would make: django-axes records it."""
        session = requests.Session()
        login_url = f"{self.base}/en/accounts/login/"
        page = session.get(login_url, timeout=30)
        answer = session.post(
            login_url,
            data={"csrfmiddlewaretoken": parse(page.text).forms_csrf, "username": "smoke-guesser",
                  "password": "not the password"},
            headers={"Referer": login_url}, timeout=30,
        )
        if answer.status_code != 200 or "smoke-guesser" not in answer.text:
            self.fail(f"a wrong password on the sign-in page answered {answer.status_code}")

    def admin_action(self, session, changelist: str, action: str, pks: list, **extra) -> requests.Response:
        page = session.get(self.base + changelist, timeout=60)
        if page.status_code != 200:
            self.fail(f"{page.status_code} on {changelist}")
            return page
        answer = session.post(
            self.base + changelist,
            data={"csrfmiddlewaretoken": parse(page.text).forms_csrf, "action": action,
                  "_selected_action": pks, "index": 0, **extra},
            headers={"Referer": self.base + changelist}, timeout=120,
        )
        self.counts["actions"] += 1
        if answer.status_code >= 400:
            self.fail(f"admin action {action} on {changelist} answered {answer.status_code}")
        return answer

    def approve_and_check_crop(self, session, image_pk: int, wait: float) -> None:
        from officers.models import Image

        answer = self.admin_action(session, "/admin/officers/image/", "mark_approved", [image_pk])
        image = Image.objects.get(pk=image_pk)
        if image.review_state != "approved":
            self.fail(f"photo #{image_pk} is {image.review_state} after the admin approved it ({answer.status_code})")
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            image.refresh_from_db()
            if image.faces_detected_at and image.faces.exclude(crop="").exists():
                break
            time.sleep(1)
        else:
            self.fail(f"the worker found no face in photo #{image_pk} within {wait:.0f} s")
            return
        change = session.get(f"{self.base}/admin/officers/image/{image_pk}/change/", timeout=30)
        crops = [src for src in parse(change.text).assets if "/media/faces/" in src]
        if change.status_code != 200 or not crops:
            self.fail(f"the photo's admin page ({change.status_code}) shows no face crop")
            return
        for src in crops:
            crop = requests.get(urljoin(self.base + "/", src), timeout=30)
            if crop.status_code != 200 or not crop.content.startswith((b"\xff\xd8", b"\x89PNG", b"RIFF")):
                self.fail(f"face crop {src} through the proxy: {crop.status_code} {crop.headers.get('Content-Type')}")
        print(f"{len(crops)} face crop(s) served through the proxy", flush=True)
        # The original is not public media: only staff get it, through Django.
        original = requests.get(f"{self.base}{image.file.url}", timeout=30)
        if original.status_code != 404:
            self.fail(f"the submitted original {image.file.url} is served publicly ({original.status_code})")
        staff_copy = session.get(f"{self.base}/en/officers/photos/images/{image_pk}/file/", timeout=30)
        if staff_copy.status_code != 200:
            self.fail(f"staff cannot open the original through Django ({staff_copy.status_code})")

    def rows_for_every_admin(self, session) -> None:
        """Records the demo data has none of: an officer merge, made through the admin's
        confirmation form, a failed sign-in (django-axes' attempts), an error report on an officer
        (as the public form files it), and a link status, pointing at this site so the re-check
        is local."""
        from django.contrib.contenttypes.models import ContentType

        from officers.models import Officer, OfficerMerge
        from core.models import LinkStatus
        from oversight.models import Commission

        if not OfficerMerge.objects.exists():
            department = Officer.objects.values_list("department", flat=True).order_by("pk").first()
            kept, merged = Officer.objects.filter(department=department).order_by("pk")[:2]
            self.admin_action(session, "/admin/officers/officer/", "merge_officers", [kept.pk, merged.pk],
                              confirm="yes", kept=kept.pk, reason="CI smoke test")
            if not OfficerMerge.objects.filter(kept=kept, merged=merged).exists():
                self.fail("merging two officers through the admin made no merge record")
        from axes.models import AccessAttempt

        if not AccessAttempt.objects.exists():
            self.wrong_password()
        from corrections.models import Correction
        from corrections.services import correction_submit

        if not Correction.objects.exists():
            officer = Officer.objects.public().order_by("pk").first()
            correction_submit(kind="officer", record=officer, message="CI smoke test: the badge number is wrong.",
                              name="", email="")
        if not LinkStatus.objects.exists():
            commission = Commission.objects.order_by("pk").first()
            LinkStatus.objects.create(
                content_type=ContentType.objects.get_for_model(commission), object_id=commission.pk,
                field="website", url=f"{self.base}/en/",
            )

    def every_admin_action(self, session) -> None:
        from django.contrib import admin
        from django.test import RequestFactory

        from django.contrib.auth import get_user_model

        request = RequestFactory().get("/admin/")
        request.user = get_user_model().objects.filter(is_superuser=True).first()
        for model, model_admin in admin.site._registry.items():
            actions = [name for name in model_admin.get_actions(request) if name != "delete_selected"]
            if not actions:
                continue
            pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:2])
            changelist = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
            if not pks:
                self.fail(f"no {model._meta.label} row to run its admin actions on")
                continue
            for action in actions:
                selected = pks if action == "merge_officers" else pks[:1]
                self.admin_action(session, changelist, action, selected)
        print(f"ran {self.counts['actions']} admin actions", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the proxy's address, e.g. http://127.0.0.1:8080")
    parser.add_argument("--admin-user", required=True)
    parser.add_argument("--admin-password", required=True)
    parser.add_argument("--face-wait", type=float, default=120)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()

    smoke = Smoke(args.base)
    image_pk = smoke.submit_photo()
    smoke.crawl()
    session = smoke.admin_session(args.admin_user, args.admin_password)
    if image_pk:
        smoke.approve_and_check_crop(session, image_pk, args.face_wait)
    smoke.rows_for_every_admin(session)
    smoke.every_admin_action(session)
    if smoke.failures:
        print(f"\n{len(smoke.failures)} problem(s):", *smoke.failures, sep="\n  ")
        return 1
    print("smoke: everything a visitor and a reviewer did worked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
