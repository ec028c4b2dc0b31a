"""The permission matrix: every URL in the URL conf, admin included, requested by every role,
with path arguments naming records of department B; the curator curates department A only.

A new URL fails `test_every_url_has_an_entry` until it has a line in `EXPECTED` (public pages and
views) or, for a model newly in the admin, in `ADMIN_MODELS`. A line is: the record that fills the
path arguments, then the status each role gets (`ROLES` order).
"""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import (
    AssignmentFactory,
    CommissionFactory,
    DepartmentFactory,
    FaceFactory,
    FindingFactory,
    ImageFactory,
    IncidentFactory,
    OfficerFactory,
    PostFactory,
    ReportFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "volunteer", "labeller", "reviewer", "curator_a", "admin")

PUBLIC = (200,) * 6


def roles(allowed: set[str], *, ok: int = 200, others: int = 403) -> tuple:
    """`ok` for the roles in `allowed` (and admins), a sign-in redirect (302) for anonymous
    visitors, `others` for every other signed-in role."""
    allowed = allowed | {"admin"}
    return tuple(ok if role in allowed else (302 if role == "anonymous" else others) for role in ROLES)


VOLUNTEERS = {"volunteer", "reviewer"}
LABELLERS = {"labeller", "reviewer"}
REVIEWERS = {"reviewer"}
STAFF = (302, 302, 302, 302, 200, 200)  # the admin's own pages: staff only (curator and admin)

# URL name → (the record of department B that fills its path arguments, or None; the status each
# role gets, in ROLES order). A POST-only view answers GET with 405 once the role may use it.
EXPECTED: dict[str, tuple[str | None, tuple]] = {
    "healthz": (None, PUBLIC),
    "set_language": (None, (302,) * 6),  # sends the visitor back to the page they were on
    # The partner API: a key, not a site account. No key: 401 (Bad Apple's own 423 on /API/).
    **{name: (None, (401,) * 6) for name in (
        "api-usage", "api-department-list", "api-officer-list", "api-certification-event-list",
        "api-incident-list", "api-report-list", "api-commission-list", "api-law-list",
        "api-request-template-list",
    )},
    "api-department-detail": ("department", (401,) * 6),
    "api-officer-detail": ("officer", (401,) * 6),
    "api-officer-co-accused": ("officer", (401,) * 6),
    "api-certification-event-detail": ("certification_event", (401,) * 6),
    "api-incident-detail": ("incident", (401,) * 6),
    "api-report-detail": ("report", (401,) * 6),
    "api-commission-detail": ("commission", (401,) * 6),
    "api-law-detail": ("law", (401,) * 6),
    "api-request-template-detail": ("request_template", (401,) * 6),
    "badapple-pra": (None, (423,) * 6),
    "badapple-oversight": (None, (423,) * 6),
    "badapple-reports": (None, (423,) * 6),
    "badapple-not-found": ("api_path", (404,) * 6),
    "api-not-found": ("api_path", (404,) * 6),
    "api-schema": (None, PUBLIC),
    "api-docs": (None, PUBLIC),
    "api-redoc": (None, PUBLIC),
    "api-root": (None, PUBLIC),
    # Public pages.
    "core:home": (None, PUBLIC),
    "core:about": (None, PUBLIC),
    "core:login": (None, (200, 302, 302, 302, 302, 302)),  # the signed-in are sent on
    "core:logout": (None, (405,) * 6),  # signing out is a POST
    "core:two_factor_setup": (None, (302, 200, 200, 200, 200, 200)),
    # Asked of those who need a second factor (reviewers and staff); others are sent to enrol.
    "core:two_factor_verify": (None, (302, 302, 302, 200, 200, 200)),
    "officers:search": (None, PUBLIC),
    "officers:department_list": (None, PUBLIC),
    "officers:department_detail": ("department", PUBLIC),
    "officers:department_download": ("department", PUBLIC),
    "officers:download_all": (None, PUBLIC),
    "officers:detail": ("officer", PUBLIC),
    "reports:search": (None, PUBLIC),
    "reports:detail": ("report", PUBLIC),
    "oversight:directory": (None, PUBLIC),
    "oversight:complaint": (None, PUBLIC),
    "oversight:detail": ("commission", PUBLIC),
    "pra:start": (None, PUBLIC),
    "pra:letter": (None, (405,) * 6),  # the letter is the answer to the form's POST
    "pra:deadline_ics": (None, (400,) * 6),  # needs the letter's fields
    "pra:state_detail": ("state", PUBLIC),
    "incidents:map": (None, PUBLIC),
    "incidents:geojson": (None, PUBLIC),
    "incidents:detail": ("incident", PUBLIC),
    "incidents:clusters": (None, (400,) * 6),  # needs the map's viewport (bbox, zoom)
    "incidents:submit": (None, PUBLIC),
    "incidents:submit_thanks": (None, PUBLIC),
    "incidents:places": (None, PUBLIC),
    "corrections:report_error": ("correction", PUBLIC),
    "corrections:thanks": (None, PUBLIC),
    "discovery:search": (None, PUBLIC),
    "discovery:suggest": (None, PUBLIC),
    "discovery:methodology": (None, PUBLIC),
    "discovery:incident_feed": (None, PUBLIC),
    "discovery:incident_feed_state": ("state", PUBLIC),
    "robots_txt": (None, PUBLIC),
    "sitemap_index": (None, PUBLIC),
    "sitemap_section": ("sitemap", PUBLIC),
    "downloads:index": (None, PUBLIC),
    "downloads:file": ("download", (404,) * 6),  # none built in this test's world
    # Photos: anyone submits; volunteers sort and tag; reviewers approve and undo.
    "officers:submit_photos": (None, PUBLIC),
    "officers:photos_submitted": (None, (302,) * 6),  # only straight after a submission
    "officers:photo_leaderboard": (None, roles(VOLUNTEERS)),
    "officers:photo_queue": (None, roles(VOLUNTEERS)),
    "officers:photo_sort": (None, roles(VOLUNTEERS)),
    "officers:photo_sort_reset_skipped": (None, roles(VOLUNTEERS, ok=405)),
    "officers:photo_tag_next": (None, roles(VOLUNTEERS)),
    "officers:photo_tag": ("image", roles(VOLUNTEERS, ok=302)),  # an unsorted photo: back to the queue
    "officers:photo_face_add": ("image", roles(VOLUNTEERS, ok=405)),
    "officers:photo_tag_done": ("image", roles(VOLUNTEERS, ok=405)),
    "officers:photo_face_box": ("face", roles(VOLUNTEERS, ok=405)),
    "officers:photo_face_officer": ("face", roles(VOLUNTEERS, ok=405)),
    "officers:photo_face_remove": ("face", roles(VOLUNTEERS, ok=405)),
    # An unreviewed photo's file: not even said to exist to a curator (they use the admin).
    "officers:photo_file": ("image", (302, 200, 403, 200, 404, 200)),
    "officers:photo_review": (None, roles(REVIEWERS)),
    "officers:photo_sort_undo": ("image", roles(REVIEWERS, ok=405)),
    "officers:photo_tag_undo": ("face", roles(REVIEWERS, ok=405)),
    # Incidents: labellers label; reviewers review and adjudicate.
    "incidents:label": (None, roles(LABELLERS)),
    "incidents:review": (None, roles(REVIEWERS)),
    "incidents:review_batch": (None, roles(REVIEWERS, ok=405)),
    "incidents:candidates_create": (None, roles(REVIEWERS, ok=405)),
    "incidents:review_detail": ("incident", roles(REVIEWERS)),
    "incidents:adjudication_list": (None, roles(REVIEWERS)),
    "incidents:adjudicate": ("post", roles(REVIEWERS)),
    "incidents:agreement": (None, roles(REVIEWERS)),
    "incidents:labels_export": (None, roles(REVIEWERS)),
    # The admin's own pages.
    "admin:index": (None, STAFF),
    "admin:app_list": ("app_label", STAFF),
    "admin:jsi18n": (None, STAFF),
    "admin:password_change": (None, STAFF),
    "admin:password_change_done": (None, STAFF),
    "admin:login": (None, (200, 200, 200, 200, 302, 302)),  # says a non-staff account may not enter
    "admin:logout": (None, (302, 302, 302, 302, 405, 405)),
    "admin:autocomplete": (None, (302, 302, 302, 302, 403, 403)),  # needs a field to complete
    "admin:view_on_site": ("view_on_site", (302, 302, 302, 302, 404, 404)),
    # Admin pages beyond a model's usual ones.
    "admin:officers_officer_import": (None, STAFF),
    # Another person's import (of department B): nobody else's to see, an admin's neither.
    "admin:officers_officer_import_job": ("import_job", (302, 302, 302, 302, 404, 404)),
    "admin:officers_officer_import_progress": ("import_job", (302, 302, 302, 302, 404, 404)),
    "admin:officers_officer_import_write": ("import_job", (302, 302, 302, 302, 403, 403)),  # B's admin's
    "admin:incidents_classifiermodel_activate": ("classifier_model", (302, 302, 302, 302, 403, 200)),
    "admin:ingest_source_import": (None, (302, 302, 302, 302, 403, 200)),
    "admin:otp_totp_totpdevice_config": ("totp_device", (302, 302, 302, 302, 403, 200)),
    "admin:otp_totp_totpdevice_qrcode": ("totp_device", (302, 302, 302, 302, 403, 200)),
    "admin:auth_user_password_change": ("other_user", (302, 302, 302, 302, 403, 200)),
}

# The admin's pages for one model, in this order; django-simple-history's version page answers
# as the history page does.
ADMIN_PAGES = ("changelist", "add", "change", "delete", "history")
# What a curator of department A gets on department B's record: the lists and add forms show only
# their departments; B's record does not exist for them (302 back to the index; its history 404).
SCOPED = (200, 200, 302, 302, 404)
SCOPED_NO_DELETE = (200, 200, 302, 403, 404)
REFUSED = (403, 403, 403, 403, 403)
EVERYTHING = (200, 200, 200, 200, 200)
# Records of no department made for the test's world are not found by anybody: the admin's
# answer to an unknown id is a redirect to its index (history pages: 302, or 404 where scoped).
NOT_MADE = (200, 200, 302, 302, 302)
NOT_MADE_REFUSED = (403, 403, 403, 403, 302)
READ_ONLY_LOG = (200, 403, 302, 302, 302)  # sign-in records and runs: nobody adds one by hand

# A model in the admin → (the record whose pages are asked for, the curator of A's statuses, the
# admin's statuses), each in ADMIN_PAGES order. Anonymous visitors and the roles that are not
# staff (volunteer, labeller, reviewer) are always sent to the admin's sign-in (302).
ADMIN_MODELS: dict[str, tuple[str, tuple, tuple]] = {
    "officers.department": ("department", (200, 403, 302, 403, 404), EVERYTHING),
    "officers.officer": ("officer", SCOPED_NO_DELETE, EVERYTHING),
    "officers.assignment": ("assignment", SCOPED, EVERYTHING),
    "officers.salary": ("salary", SCOPED, EVERYTHING),
    "officers.link": ("link", SCOPED, EVERYTHING),
    "officers.description": ("description", SCOPED, EVERYTHING),
    "officers.note": ("note", SCOPED, EVERYTHING),
    "officers.rank": ("rank", SCOPED, EVERYTHING),
    "officers.unit": ("unit", SCOPED, EVERYTHING),
    "officers.officermerge": ("missing", (200, 403, 302, 403, 302), (200, 403, 302, 302, 302)),
    "officers.certificationevent": ("certification_event", REFUSED, EVERYTHING),
    "officers.image": ("image", REFUSED, EVERYTHING),
    "officers.face": ("face", REFUSED, EVERYTHING),
    "reports.report": ("report", SCOPED_NO_DELETE, EVERYTHING),
    "reports.finding": ("finding", SCOPED_NO_DELETE, EVERYTHING),
    # An oversight body covering only department B is not the curator of A's to edit.
    "oversight.commission": ("commission", SCOPED_NO_DELETE, EVERYTHING),
    "core.linkstatus": ("missing", (200, 403, 302, 403, 302), (200, 403, 302, 302, 302)),
    # Contact details left with public submissions and error reports: reviewers' and admins'.
    "core.privatecontact": ("missing", NOT_MADE_REFUSED, (200, 403, 302, 302, 302)),
    # Error reports come from the public form, never added by hand; reviewers triage them.
    "corrections.correction": ("missing", (403, 403, 403, 403, 404), (200, 403, 302, 302, 404)),
    # State laws and letters are no department's: curators keep them up to date.
    "pra.law": ("law", (200, 403, 200, 403, 200), EVERYTHING),
    "pra.requesttemplate": ("request_template", (200, 200, 200, 403, 200), EVERYTHING),
    "incidents.incident": ("incident", REFUSED, EVERYTHING),
    "incidents.post": ("post", REFUSED, EVERYTHING),
    "incidents.classifiermodel": ("classifier_model", REFUSED, (200, 403, 200, 200, 200)),
    "incidents.label": ("missing", NOT_MADE_REFUSED, NOT_MADE),
    "incidents.labelassignment": ("missing", NOT_MADE_REFUSED, NOT_MADE),
    "incidents.adjudication": ("missing", (403, 403, 403, 403, 404), (200, 200, 302, 302, 404)),
    "ingest.source": ("missing", NOT_MADE_REFUSED, NOT_MADE),
    "ingest.run": ("missing", NOT_MADE_REFUSED, READ_ONLY_LOG),
    "api.partnerkey": ("partner_key", REFUSED, EVERYTHING),
    "api.dailyusage": ("missing", NOT_MADE_REFUSED, (200, 403, 302, 403, 302)),
    "auth.user": ("other_user", REFUSED, EVERYTHING),
    "auth.group": ("group", REFUSED, EVERYTHING),
    "otp_totp.totpdevice": ("totp_device", REFUSED, EVERYTHING),
    "otp_static.staticdevice": ("missing", NOT_MADE_REFUSED, NOT_MADE),
    "axes.accesslog": ("missing", NOT_MADE_REFUSED, READ_ONLY_LOG),
    "axes.accessfailurelog": ("missing", NOT_MADE_REFUSED, READ_ONLY_LOG),
    "axes.accessattempt": ("missing", NOT_MADE_REFUSED, READ_ONLY_LOG),
    "django_celery_beat.periodictask": ("periodic_task", REFUSED, EVERYTHING),
    "django_celery_beat.clockedschedule": ("missing", NOT_MADE_REFUSED, NOT_MADE),
    "django_celery_beat.crontabschedule": ("missing", NOT_MADE_REFUSED, NOT_MADE),
    "django_celery_beat.solarschedule": ("missing", NOT_MADE_REFUSED, NOT_MADE),
    "django_celery_beat.intervalschedule": ("missing", NOT_MADE_REFUSED, NOT_MADE),
}


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def url_names() -> set[str]:
    return {name for name, _pattern in _walk(get_resolver().url_patterns)}


def _admin_model_page(name: str) -> tuple[str, int] | None:
    """("app.model", index in ADMIN_PAGES) for one of an admin model's usual pages, else None."""
    if not name.startswith("admin:"):
        return None
    for model in admin.site._registry:
        page = name.removeprefix(f"admin:{model._meta.app_label}_{model._meta.model_name}_")
        if page == "simple_history":
            page = "history"
        if page != name and page in ADMIN_PAGES:
            return model._meta.label_lower, ADMIN_PAGES.index(page)
    return None


def expected_for(name: str) -> tuple[str | None, tuple] | None:
    if name in EXPECTED:
        return EXPECTED[name]
    model_page = _admin_model_page(name)
    if model_page is None or model_page[0] not in ADMIN_MODELS:
        return None
    record, curator, admin_user = ADMIN_MODELS[model_page[0]]
    index = model_page[1]
    return (record if index >= 2 else None), (302, 302, 302, 302, curator[index], admin_user[index])


def test_every_url_has_an_entry():
    missing = sorted(name for name in url_names() if expected_for(name) is None)
    assert missing == [], (
        "URLs without an expected status for each role: add them to EXPECTED (or, for a model "
        f"new in the admin, to ADMIN_MODELS) in {__file__}: {missing}"
    )


@pytest.fixture
def department_b_world():
    """One record of each kind, of department B (the curator curates department A)."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from api.services import partner_key_create
    from incidents.models import ClassifierModel
    from officers.models import CertificationEvent, Description, ImportJob, Link, Note, Rank, Salary, Unit
    from pra.models import Law, RequestTemplate

    department_a, department_b = DepartmentFactory(name="Department A"), DepartmentFactory(name="Department B")
    officer = OfficerFactory(department=department_b)
    report = ReportFactory(officer=officer)
    image = ImageFactory(department=department_b)
    admin_user = UserFactory(username="admin-b", roles=["admin"], is_staff=True)
    records = {
        "department": department_b,
        "officer": officer,
        "correction": officer,  # an error reported on department B's officer
        "assignment": AssignmentFactory(officer=officer),
        "salary": Salary.objects.create(officer=officer, year=2020, salary=50000),
        "link": Link.objects.create(officer=officer, url="https://example.org/b"),
        "description": Description.objects.create(officer=officer, text="About B's officer"),
        "note": Note.objects.create(officer=officer, text="B's staff note"),
        "rank": Rank.objects.create(department=department_b, name="Sergeant"),
        "unit": Unit.objects.create(department=department_b, name="Traffic"),
        "certification_event": CertificationEvent.objects.create(
            officer=officer, state="USA-IL", kind="decertified", date=datetime.date(2020, 1, 1),
            publication_status="published",
        ),
        "report": report,
        "finding": FindingFactory(report=report),
        "image": image,
        "face": FaceFactory(image=image),
        "commission": CommissionFactory(departments=[department_b]),
        "incident": IncidentFactory(review_status="approved"),
        "post": PostFactory(),
        "law": Law.objects.update_or_create(
            jurisdiction="USA-IL", defaults={"name": "Illinois FOIA", "publication_status": "published"},
        )[0],
        "request_template": RequestTemplate.objects.update_or_create(
            jurisdiction="USA-IL", subject="body_cameras",
            defaults={"language": "en", "title": "Use of force", "body": "Dear records officer",
                      "publication_status": "published"},
        )[0],
        "classifier_model": ClassifierModel.objects.create(version="b-model", base_checkpoint="b", path="/nonexistent"),
        "partner_key": partner_key_create(organisation="Partner B")[0],
        "other_user": admin_user,
        "group": Group.objects.get(name="curator"),
        "totp_device": TOTPDevice.objects.create(user=admin_user, name="B's phone", confirmed=True),
        "periodic_task": PeriodicTask.objects.create(
            name="b-task", task="core.tasks.noop",
            interval=IntervalSchedule.objects.create(every=1, period="days"),
        ),
        "import_job": ImportJob.objects.create(user=admin_user, department=department_b, files=b""),
    }
    return department_a, records


def _url(name: str, pattern: URLPattern, record_key: str | None, records: dict) -> str:
    record = records.get(record_key)
    regex = pattern.pattern.regex
    if regex.groups > len(regex.groupindex):
        # django-simple-history's pages take (object id, version id) by position.
        version = record.history.latest().history_id if record is not None else 999_999
        return reverse(name, args=[record.pk if record is not None else 999_999, version])
    return reverse(name, kwargs=_kwargs(pattern, record_key, record))


def _kwargs(pattern: URLPattern, record_key: str | None, record) -> dict:
    wanted = set(pattern.pattern.converters) | set(pattern.pattern.regex.groupindex)
    wanted.discard("format")
    if not wanted:
        return {}
    values = {
        "api_path": {"path": "Nothing/"},
        "sitemap": {"section": "officers", "page": 1},
        "download": {"slug": "officers"},
        "state": {"state": "IL"},
        "app_label": {"app_label": "officers"},
        "view_on_site": {"content_type_id": "1", "object_id": "1"},
    }.get(record_key)
    if values is not None:
        return values
    if record_key == "correction":
        return {"kind": "officer", "ident": str(record.public_id)}
    key = record.pk if record is not None else 999_999
    out = {}
    for arg in wanted:
        if arg in ("public_id",) or (arg == "id" and hasattr(record, "public_id")):
            out[arg] = record.public_id
        elif arg == "id" and record_key == "law":
            out[arg] = record.jurisdiction
        else:
            out[arg] = key
    return out


def _clients(department_a, user_with_role):
    from django.test import Client

    clients = {"anonymous": Client()}
    for role in ("volunteer", "labeller", "reviewer"):
        client = Client()
        client.force_login(user_with_role(role))
        clients[role] = client
    curator = user_with_role("curator", is_staff=True)
    department_a.curators.add(curator)
    admin_user = user_with_role("admin", is_staff=True)
    for role, user in (("curator_a", curator), ("admin", admin_user)):
        client = Client()
        client.force_login(user)
        clients[role] = client
    return clients


def test_every_role_gets_the_expected_status_on_every_url(department_b_world, user_with_role, settings):
    settings.API_ANON_RATE = "100000/m"
    department_a, records = department_b_world
    clients = _clients(department_a, user_with_role)
    patterns = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        patterns.setdefault(name, pattern)  # the first: without a format suffix
    wrong = []
    for name, pattern in sorted(patterns.items()):
        entry = expected_for(name)
        if entry is None:
            continue  # test_every_url_has_an_entry names it
        record_key, statuses = entry
        url = _url(name, pattern, record_key, records)
        got = tuple(clients[role].get(url).status_code for role in ROLES)
        if got != statuses:
            wrong.append(f"{name} {url}: expected {statuses}, got {got}")
    assert wrong == [], "\n".join(wrong)


JUNK = (
    "?page=x&page_size=-1&department=abc&officer=not-a-uuid&state=ZZ&q=%00%ff&format=nope"
    "&date_after=2020-99-99&date=31/02/2020&incident_year=99999999999999999999&ordering=-nope"
    "&rank=%27%22&min_age=-5&subject=99&next=//evil.example.com/"
)


def test_no_url_answers_500_to_junk_parameters(department_b_world, user_with_role, settings):
    """Bad input gets a clear answer, never a server error: every URL, junk in every parameter."""
    settings.API_ANON_RATE = "100000/m"
    department_a, records = department_b_world
    clients = _clients(department_a, user_with_role)
    for client in clients.values():
        client.raise_request_exception = False  # collect every 500, not just the first
    patterns = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        patterns.setdefault(name, pattern)
    errors = []
    for name, pattern in sorted(patterns.items()):
        entry = expected_for(name)
        if entry is None:
            continue
        url = _url(name, pattern, entry[0], records) + JUNK
        # Signing out or confirming a deletion would end the walk early; both are tested elsewhere.
        methods = ("get",) if name.endswith(("logout", "_delete")) else ("get", "post")
        for role in ("anonymous", "admin"):
            for method in methods:
                status = getattr(clients[role], method)(url).status_code
                if status >= 500:
                    errors.append(f"{method.upper()} {url} as {role}: {status}")
    assert errors == [], "\n".join(errors)
