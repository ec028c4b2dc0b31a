"""CSV export in OpenOversight's advanced-import format, so an export imports back unchanged.

A zip holds officers.csv, assignments.csv, salaries.csv and links.csv. Cells that a
spreadsheet would run as a formula (= + - @, tab, CR at the start) get a leading apostrophe;
the importer removes it again.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet

from officers.importers import parsing
from officers.models import Assignment, Link, Officer, Salary

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv_bytes(header: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for count, row in enumerate(rows, start=1):
        writer.writerow([neutralise(value) for value in row])
        if count % 1000 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def officer_rows(officers: QuerySet[Officer]) -> Iterator[list]:
    for o in officers.select_related("department").order_by("pk").iterator(chunk_size=2000):
        yield [
            o.pk, o.department_id, o.last_name, o.first_name, o.middle_name, o.suffix, o.race,
            o.gender, o.employment_date or "", o.birth_year or "", o.internal_id, o.department.name,
        ]


def assignment_rows(officers: QuerySet[Officer]) -> Iterator[list]:
    assignments = Assignment.objects.filter(officer__in=officers).select_related("rank", "unit")
    for a in assignments.order_by("officer_id", "pk").iterator(chunk_size=2000):
        yield [
            a.pk, a.officer_id, a.badge_number, a.rank.name if a.rank else "", a.unit_id or "",
            a.unit.name if a.unit else "", a.start_date or "", a.end_date or "",
        ]


def salary_rows(officers: QuerySet[Officer]) -> Iterator[list]:
    salaries = Salary.objects.filter(officer__in=officers)
    for s in salaries.order_by("officer_id", "year", "pk").iterator(chunk_size=2000):
        yield [
            s.pk, s.officer_id, s.salary, "" if s.overtime_pay is None else s.overtime_pay,
            s.year, "true" if s.is_fiscal_year else "false",
        ]


def link_rows(officers: QuerySet[Officer]) -> Iterator[list]:
    links = Link.objects.filter(officer__in=officers)
    for link in links.order_by("officer_id", "pk").iterator(chunk_size=2000):
        yield [
            link.pk, link.officer_id, "", link.title, link.description, link.url, link.link_type,
            link.author,
        ]


def export_files(officers: QuerySet[Officer]) -> dict[str, Iterator[bytes]]:
    """The four CSV files for these officers, each as a stream of bytes."""
    return {
        "officers.csv": _csv_bytes([*parsing.OFFICER_COLUMNS, "department_name"], officer_rows(officers)),
        "assignments.csv": _csv_bytes(parsing.ASSIGNMENT_COLUMNS, assignment_rows(officers)),
        "salaries.csv": _csv_bytes(parsing.SALARY_COLUMNS, salary_rows(officers)),
        "links.csv": _csv_bytes(parsing.LINK_COLUMNS, link_rows(officers)),
    }


def export_zip(officers: QuerySet[Officer], target) -> None:
    """Write the export of `officers` as a zip into the binary file `target`."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in export_files(officers).items():
            with archive.open(name, "w") as handle:
                for chunk in chunks:
                    handle.write(chunk)
