"""The officer and department record pages (issue 20) on the real public data.

Uses the database in DATABASE_URL; loads the real NYC CCRB and Virginia files first if the
NYPD is not there (`load_public_data --only ...`, idempotent). Times, median of --repeats:

- the officer page of the officer named in the most CCRB cases, whole request through the
  test client, beside the reads the page made before issue 20 (the officer and their reports:
  the baseline) and the new reads (summary with the department comparison, timeline, co-accused);
- the NYPD page (5,627 closing reports), whole request, beside its earlier reads (roster counts,
  oversight, decertifications, report count) and the new record in numbers.
"""

import argparse
import statistics
import time


def _median_ms(call, repeats: int) -> float:
    call()  # warm: first-use imports and caches are not what is measured
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench officer_record")
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()

    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from officers import selectors
    from records import departments as department_record
    from records import officers as record_selectors
    from officers.models import Department, Officer
    from reports.selectors import officer_report_summary

    if not Department.objects.filter(name="New York City Police Department").exists():
        print("loading the real public data (NYC CCRB, Virginia)...")
        call_command("load_public_data", "--only", "nyc_ccrb", "--only", "va_departments",
                     "--only", "va_decertifications", stdout=StringIO(), stderr=StringIO())
    nypd = Department.objects.get(name="New York City Police Department")
    officer = (
        Officer.objects.filter(department=nypd).annotate(cases=Count("named_in_reports"))
        .order_by("-cases", "pk").first()
    )
    client = Client(HTTP_HOST="localhost")
    officer_url = f"/en/officers/{officer.public_id}/"
    department_url = f"/en/officers/departments/{nypd.pk}/"

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    rows = [
        ("officer page, whole request", _median_ms(lambda: client.get(officer_url), args.repeats), queries(officer_url)),
        ("  baseline: officer + reports reads", _median_ms(lambda: (
            officer_report_summary(officer=selectors.officer_public_get(public_id=officer.public_id))
        ), args.repeats), None),
        ("  new: summary + timeline + co-accused", _median_ms(lambda: (
            record_selectors.officer_summary(officer=officer), record_selectors.officer_timeline(officer=officer),
            record_selectors.officer_co_accused(officer=officer),
        ), args.repeats), None),
        ("NYPD page, whole request", _median_ms(lambda: client.get(department_url), args.repeats), queries(department_url)),
        ("  baseline: roster counts + oversight + decertifications", _median_ms(lambda: (
            selectors.department_stats(department=nypd)["officers"],
            selectors.department_public_record(department=nypd),
        ), args.repeats), None),
        ("  new: record in numbers + charts", _median_ms(lambda: department_record.department_charts(
            department_record.department_record(department=nypd)), args.repeats), None),
    ]
    print(f"officer: {officer.full_name} ({officer.cases} CCRB cases); NYPD: {nypd.misconduct_reports.count()} reports")
    print(f"{'what':58} {'median ms':>10} {'queries':>8}")
    for name, ms, count in rows:
        print(f"{name:58} {ms:10.1f} {'' if count is None else count:>8}")
    print(f"officer page: new reads / baseline reads = {rows[2][1] / rows[1][1]:.2f}")
    print(f"NYPD page: new reads / baseline reads = {rows[5][1] / rows[4][1]:.2f}")


if __name__ == "__main__":
    main()
