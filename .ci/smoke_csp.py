"""The production smoke test's Content-Security-Policy pass, run by `.ci/smoke` in a real browser.

Headless Chromium visits one page of every public view in both languages (seeded from the URL
conf, then the links those pages show), writes a records-request letter, waits for the map, and
signs in to the admin (with its second factor) to open its index, a change form and an add form.
Every violation the browser sees is a failure: the `securitypolicyviolation` events of every page
and, with `--collector-port`, the reports the browser sends to the policy's `report-uri`.
`.ci/smoke` runs the enforced pass (`--mode enforced`), the policy production sends. The
report-only pass (`--mode report-only --collector-port N`, against a server started with
CSP_REPORT_ONLY=1 and CSP_REPORT_URI pointing at the collector) is for trying a policy change
before enforcing it.
"""

import argparse
import collections
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from smoke_check import SKIP_PREFIXES, Smoke  # noqa: E402

PAGES_PER_VIEW = 1
MAX_PAGES = 120
LISTEN = (
    "document.addEventListener('securitypolicyviolation', e => console.error("
    "'CSP violation: ' + JSON.stringify({directive: e.violatedDirective, blocked: e.blockedURI,"
    " source: e.sourceFile, line: e.lineNumber, sample: e.sample})));"
)


class Collector(BaseHTTPRequestHandler):
    """Keeps every report the browser POSTs to the policy's report-uri."""

    reports: list[str] = []

    def do_POST(self):  # noqa: N802 - http.server's name
        length = min(int(self.headers.get("Content-Length") or 0), 65536)
        Collector.reports.append(self.rfile.read(length).decode("utf-8", "replace"))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


class Browser:
    def __init__(self, base: str, page, expected_header: str):
        self.base = base.rstrip("/")
        self.page = page
        self.expected_header = expected_header
        self.violations: list[str] = []
        self.failures: list[str] = []
        self.visited = 0
        self.current = ""
        page.add_init_script(LISTEN)
        page.on("console", self._console)

    def _console(self, message) -> None:
        if "CSP violation" in message.text or "Content Security Policy" in message.text:
            self.violations.append(f"{self.current}: {message.text}")

    def visit(self, path: str):
        from playwright.sync_api import Error

        self.current = path
        try:
            response = self.page.goto(self.base + path, wait_until="load")
        except Error as error:
            if "Download is starting" in str(error):
                return None  # a file to save (an export, a calendar file), not a page
            if "ERR_HTTP_RESPONSE_CODE_FAILURE" in str(error):
                return None  # a form's target asked for bare (405/400 with no page): no one links to it
            raise
        self.page.wait_for_load_state("networkidle")
        self.visited += 1
        if response is None:
            self.failures.append(f"{path}: no answer")
            return None
        headers = response.headers
        other = ("content-security-policy" if self.expected_header.endswith("report-only")
                 else "content-security-policy-report-only")
        if self.expected_header not in headers or other in headers:
            self.failures.append(f"{path}: expected the {self.expected_header} header only")
        return response

    def public_pages(self, smoke: Smoke) -> None:
        from django.urls import Resolver404, resolve
        from django.utils import translation

        queue = collections.deque(smoke.seeds())
        seen, per_view = set(), collections.Counter()
        while queue and self.visited < MAX_PAGES:
            path = queue.popleft()
            if path in seen:
                continue
            seen.add(path)
            language = urlsplit(path).path.split("/")[1]
            try:
                with translation.override(language):
                    view = (resolve(urlsplit(path).path).view_name, language)
            except Resolver404:
                continue
            if per_view[view] >= PAGES_PER_VIEW:
                continue
            per_view[view] += 1
            asked = self.page.request.get(self.base + path)
            if asked.status in (400, 405) or "text/html" not in asked.headers.get("content-type", ""):
                continue  # a form's target asked for bare, or a file to save: not a page to render
            response = self.visit(path)
            if response is None or response.status >= 400 or "text/html" not in response.headers.get("content-type", ""):
                continue
            for href in self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
                target = smoke.same_site(urldefrag(urljoin(self.page.url, href))[0])
                if target and not target.startswith(SKIP_PREFIXES) and "/logout/" not in target:
                    queue.append(target)

    def map_and_letter(self) -> None:
        self.visit("/en/incidents/")
        self.page.wait_for_function("document.getElementById('incident-map').dataset.state === 'ready'")
        self.visit("/en/records-requests/")
        self.page.get_by_label("State or territory").select_option("USA-NY")
        self.page.get_by_label("Misconduct records of a named officer").check()
        self.page.get_by_role("button", name="Continue").click()
        self.page.get_by_label("Agency").fill("New York City Police Department")
        self.page.get_by_label("Officer's full name").fill("Jordan Doe")
        self.page.get_by_label("Your name").fill("Ana Ruiz")
        self.page.get_by_label("Your contact details").fill("ana@example.org")
        self.page.get_by_role("button", name="Write my letter").click()
        self.page.wait_for_load_state("networkidle")
        if "Your letter is ready" not in self.page.inner_text("h1"):
            self.failures.append("the letter page did not write the letter")

    def admin(self, username: str, password: str) -> None:
        from django.contrib.auth import get_user_model
        from django_otp.oath import totp
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from officers.models import Officer

        # The authenticator app the superuser enrolled (a device of its own per pass: a code is
        # refused a second time).
        user = get_user_model().objects.get(username=username)
        device = TOTPDevice.objects.create(user=user, name=f"smoke CSP {self.expected_header}", confirmed=True)
        self.visit("/admin/login/?next=/admin/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("input[type=submit]")
        self.page.wait_for_load_state("networkidle")
        if urlsplit(self.page.url).path.endswith("/accounts/two-factor/"):
            self.page.fill("#id_token", f"{totp(device.bin_key):06d}")
            self.page.click("main button[type=submit]")
            self.page.wait_for_load_state("networkidle")
        if urlsplit(self.page.url).path != "/admin/":
            self.failures.append(f"admin sign-in in the browser ended at {self.page.url}")
            return
        officer = Officer.objects.order_by("pk").first()
        pages = ["/admin/", "/admin/officers/officer/add/", "/admin/reports/report/", "/en/incidents/review/"]
        if officer is not None:
            pages.append(f"/admin/officers/officer/{officer.pk}/change/")
        for path in pages:
            self.visit(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--admin-user", required=True)
    parser.add_argument("--admin-password", required=True)
    parser.add_argument("--mode", choices=("report-only", "enforced"), required=True)
    parser.add_argument("--collector-port", type=int, help="serve the report-uri here (report-only pass)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Playwright's sync API runs an event loop; the few ORM reads here are plain sync code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    django.setup()
    from playwright.sync_api import sync_playwright

    server = None
    if args.collector_port:
        server = ThreadingHTTPServer(("127.0.0.1", args.collector_port), Collector)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    header = "content-security-policy-report-only" if args.mode == "report-only" else "content-security-policy"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = chromium.new_page()
        page.set_default_timeout(90_000)  # a shared 2-core machine, with the worker busy classifying
        browser = Browser(args.base, page, header)
        try:
            browser.public_pages(Smoke(args.base))
            browser.map_and_letter()
            browser.admin(args.admin_user, args.admin_password)
        except Exception as error:  # a page that never got ready: say where, then fail
            browser.failures.append(f"{browser.current}: {type(error).__name__}: {error}")
        time.sleep(2)  # reports are sent after the page's work, off the main thread
        chromium.close()
    if server is not None:
        server.shutdown()
    problems = browser.failures + browser.violations
    problems += [f"report sent to report-uri: {json.loads(r) if r.startswith('{') else r}" for r in Collector.reports]
    print(f"CSP {args.mode}: {browser.visited} pages in Chromium, {len(browser.violations)} violation events, "
          f"{len(Collector.reports)} reports", flush=True)
    if problems:
        print(f"\n{len(problems)} problem(s):", *problems, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
