"""Demo rosters: three fictional departments with about forty invented officers.

Every name is made up (drawn from common first and last names with a fixed seed), no photo is
shipped, and every record carries the data set "demo". Idempotent: records are keyed by
department name and internal id, and a second run creates nothing.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from core.models import PublicationStatus
from officers.models import (
    Assignment,
    Department,
    Description,
    Gender,
    Link,
    Officer,
    Race,
    Rank,
    Salary,
    Unit,
    officer_search_badges_refresh,
)

DATASET = "demo"
DEPARTMENTS = [
    {
        "name": "Riverton Police Department",
        "short_name": "RPD",
        "state": "USA-OR",
        "city": "Riverton",
        "internal_id_label": "Employee number",
        "prefix": "RPD",
        "officers": 18,
        "ranks": [("Police Officer", True), ("Detective", True), ("Sergeant", True), ("Lieutenant", True), ("Captain", True), ("Community Service Officer", False)],
        "units": ["Patrol North", "Patrol South", "Traffic", "Investigations", "Crisis Response"],
    },
    {
        "name": "Lakeshore County Sheriff's Office",
        "short_name": "LCSO",
        "state": "USA-IL",
        "city": "Port Lakeshore",
        "internal_id_label": "Personnel id",
        "prefix": "LCSO",
        "officers": 12,
        "ranks": [("Deputy", True), ("Corporal", True), ("Sergeant", True), ("Lieutenant", True), ("Undersheriff", True)],
        "units": ["Patrol", "Jail Division", "Court Security", "Marine Unit"],
    },
    {
        "name": "Mesa Alta Police Department",
        "short_name": "MAPD",
        "state": "USA-AZ",
        "city": "Mesa Alta",
        "internal_id_label": "Serial number",
        "prefix": "MAPD",
        "officers": 10,
        "ranks": [("Officer", True), ("Senior Officer", True), ("Sergeant", True), ("Commander", True)],
        "units": ["District 1", "District 2", "Gang Enforcement", "School Resource"],
    },
]
FIRST_NAMES = [
    ("James", Gender.MALE), ("María", Gender.FEMALE), ("Robert", Gender.MALE), ("Linda", Gender.FEMALE),
    ("José", Gender.MALE), ("Patricia", Gender.FEMALE), ("Michael", Gender.MALE), ("Jennifer", Gender.FEMALE),
    ("David", Gender.MALE), ("Ngozi", Gender.FEMALE), ("Daniel", Gender.MALE), ("Mei", Gender.FEMALE),
    ("Luis", Gender.MALE), ("Ashley", Gender.FEMALE), ("Kevin", Gender.MALE), ("Renée", Gender.FEMALE),
    ("Andre", Gender.MALE), ("Sofía", Gender.FEMALE), ("Thomas", Gender.MALE), ("Aisha", Gender.FEMALE),
]
LAST_NAMES = [
    "Smith", "Johnson", "García", "Williams", "Brown", "Martínez", "Nguyen", "Davis", "Rodríguez",
    "Miller", "Okafor", "Wilson", "Hernández", "Anderson", "Thompson", "López", "Kim", "Jackson",
    "O'Brien", "Peña", "Washington", "Müller", "Harris", "Chen", "Ramírez", "Clark", "Lewis", "Young",
]
RACES = [Race.WHITE, Race.BLACK, Race.HISPANIC, Race.ASIAN, Race.WHITE, Race.HISPANIC, Race.BLACK, Race.UNKNOWN]


def load(*, stdout) -> None:
    created = 0
    for spec in DEPARTMENTS:
        created += _load_department(spec)
    stdout.write(f"officers: {created} demo officer(s) created")


@transaction.atomic
def _load_department(spec: dict) -> int:
    department, _ = Department.objects.get_or_create(
        name=spec["name"],
        state=spec["state"],
        defaults={
            "short_name": spec["short_name"],
            "city": spec["city"],
            "internal_id_label": spec["internal_id_label"],
            "publication_status": PublicationStatus.PUBLISHED,
            "dataset": DATASET,
        },
    )
    ranks = []
    for order, (name, sworn) in enumerate(spec["ranks"]):
        rank, _ = Rank.objects.get_or_create(
            department=department, name=name, defaults={"order": order, "is_sworn": sworn}
        )
        ranks.append(rank)
    units = [Unit.objects.get_or_create(department=department, name=name)[0] for name in spec["units"]]
    existing = set(Officer.objects.filter(department=department).values_list("internal_id", flat=True))
    rng = random.Random(spec["prefix"])
    created = []
    for number in range(1, spec["officers"] + 1):
        first_name, gender = rng.choice(FIRST_NAMES)
        last_name = rng.choice(LAST_NAMES)
        race = rng.choice(RACES)
        hired = datetime.date(rng.randint(1994, 2021), rng.randint(1, 12), rng.randint(1, 28))
        internal_id = f"{spec['prefix']}-{number:04d}"
        if internal_id in existing:
            continue
        officer = Officer.objects.create(
            department=department,
            first_name=first_name,
            middle_name=rng.choice(["", "", "A.", "J.", "L."]),
            last_name=last_name,
            race=race,
            gender=gender,
            birth_year=hired.year - rng.randint(21, 34),
            employment_date=hired,
            internal_id=internal_id,
            publication_status=PublicationStatus.PUBLISHED,
            dataset=DATASET,
        )
        _career(officer, rng, ranks, units, hired, number)
        created.append(officer.pk)
    officer_search_badges_refresh(officer_ids=created)
    return len(created)


def _career(officer, rng, ranks, units, hired, number) -> None:
    sworn = [rank for rank in ranks if rank.is_sworn]
    badge = str(1000 + number * 37 % 9000)
    start = hired
    steps = rng.choice([1, 1, 2, 2, 3])
    left = rng.random() < 0.15
    for step in range(steps):
        last = step == steps - 1
        end = None
        if not last:
            end = start + datetime.timedelta(days=rng.randint(700, 2400))
        elif left:
            end = min(start + datetime.timedelta(days=rng.randint(400, 2000)), datetime.date(2025, 12, 31))
        Assignment.objects.create(
            officer=officer,
            badge_number=badge if step < 2 else str(int(badge) + 5000),
            rank=sworn[min(step, len(sworn) - 1)],
            unit=rng.choice(units),
            start_date=start,
            end_date=end,
        )
        if end is None:
            break
        start = end + datetime.timedelta(days=1)
    if not left:
        base = Decimal(rng.randint(62, 98) * 1000)
        for year in (2023, 2024):
            Salary.objects.create(
                officer=officer,
                year=year,
                salary=base + (year - 2023) * 2500,
                overtime_pay=Decimal(rng.randint(0, 30) * 1000),
            )
    if number % 6 == 1:
        Description.objects.create(
            officer=officer,
            text=(
                "Demo record: this officer and every detail on this page are invented, to show "
                "what a published roster looks like."
            ),
        )
        Link.objects.create(
            officer=officer,
            url="https://example.org/demo/court-record",
            title="Example court record (demo)",
            link_type="document",
            author="Demo data",
        )
