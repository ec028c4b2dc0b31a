"""Demo misconduct reports (`manage.py load_demo`): made-up records, visibly labelled "Demo record".

Self-sufficient: creates the demo departments and officers it names, whatever other apps'
demos load. Idempotent: records are keyed by data set "demo" and their ids, so a second run
changes nothing.
"""

import datetime

from core.models import PublicationStatus
from core.services import publication_status_set
from officers.models import Department, Officer
from officers.services import OfficerIdentity, officer_match_or_create
from reports.models import DEMO_DATASET, FindingOutcome, PolicyCategory, Report, ReportType
from reports.services import FindingData, report_create

DEMO_SOURCE = "https://example.org/accountable-demo"

# (name, short name, state, city)
DEPARTMENTS = {
    # The officers demo makes the same Riverton department: reports join its roster.
    "riverton": ("Riverton Police Department", "RPD", "USA-OR", "Riverton"),
    "cascade": ("Cascade County Sheriff's Office (demo)", "CCSO-demo", "USA-OR", "Cascade Falls"),
    "lakeside": ("Lakeside Police Department (demo)", "LPD-demo", "USA-OR", "Lakeside"),
}

OFFICERS = [
    # (department key, first, last, internal id, badge)
    ("riverton", "Jordan", "Ellery", "DEMO-RPD-0417", "417"),
    ("riverton", "Sam", "Whitfield", "DEMO-RPD-0552", "552"),
    ("cascade", "Casey", "Moreno", "DEMO-CCSO-0093", "93"),
    ("lakeside", "Robin", "Achebe", "DEMO-LPD-0021", "21"),
]

REPORTS = [
    {
        "officer": "DEMO-RPD-0417",
        "report_type": ReportType.OVERSIGHT_COMMISSION,
        "investigation_id": "DEMO-CPRB-2021-014",
        "investigator": "Dana Okafor",
        "investigator_title": "Senior Investigator",
        "investigator_employer": "Riverton Community Police Review Board (demo)",
        "incident_date": datetime.date(2021, 6, 12),
        "report_date": datetime.date(2021, 11, 3),
        "findings_summary": (
            "A man filming a traffic stop was handcuffed and pushed to the ground. Body-camera "
            "footage shows no resistance before the takedown."
        ),
        "conclusion": "Two allegations sustained; one not sustained. Referred to the chief for discipline.",
        "findings": [
            (PolicyCategory.USE_OF_FORCE, FindingOutcome.SUSTAINED,
             "The takedown was not proportionate to any threat.", "Policy 300.3 – Use of force"),
            (PolicyCategory.HANDCUFFING_AND_RESTRAINTS, FindingOutcome.SUSTAINED,
             "Handcuffs were applied to a person who was not under arrest.", "Policy 306.3"),
            (PolicyCategory.REPORT_PREPARATION, FindingOutcome.NOT_SUSTAINED,
             "The report omitted the takedown; the evidence could not show it was deliberate.", "Policy 344.2"),
        ],
    },
    {
        "officer": "DEMO-RPD-0417",
        "report_type": ReportType.INTERNAL_AFFAIRS,
        "investigation_id": "DEMO-IA-2019-088",
        "investigator": "Lt. Morgan Hale",
        "investigator_title": "Internal Affairs Unit",
        "investigator_employer": "Riverton Police Department",
        "incident_date": datetime.date(2019, 2, 20),
        "report_date": datetime.date(2019, 5, 9),
        "findings_summary": "A vehicle was searched without consent or a warrant.",
        "conclusion": "The search was found lawful under the automobile exception.",
        "findings": [
            (PolicyCategory.SEARCH_AND_SEIZURE, FindingOutcome.EXONERATED,
             "Probable cause existed for the search.", "Policy 322.2"),
        ],
    },
    {
        "officer": "DEMO-RPD-0552",
        "report_type": ReportType.INTERNAL_AFFAIRS,
        "investigation_id": "DEMO-IA-2022-031",
        "investigator": "Sgt. Lee Park",
        "investigator_title": "Professional Standards",
        "investigator_employer": "Riverton Police Department",
        "incident_date": datetime.date(2022, 8, 30),
        "report_date": datetime.date(2022, 12, 1),
        "findings_summary": "A complaint said the officer used a slur during an arrest.",
        "conclusion": "Body-camera audio shows the words were not said.",
        "findings": [
            (PolicyCategory.CONDUCT, FindingOutcome.UNFOUNDED,
             "Audio of the whole arrest contains no slur.", "Policy 320.5.9 – Discourteous conduct"),
            (PolicyCategory.COMPUTER_USE,
             FindingOutcome.NOT_SUSTAINED,
             "Records checks on the complainant could not be tied to a work purpose or ruled out.", "Policy 342"),
        ],
    },
    {
        "officer": "DEMO-CCSO-0093",
        "report_type": ReportType.OVERSIGHT_COMMISSION,
        "investigation_id": "DEMO-CCSOC-2023-007",
        "investigator": "Avery Lindqvist",
        "investigator_title": "Licensed private investigator",
        "investigator_employer": "Cascade County Sheriff Oversight Commission (demo)",
        "incident_date": datetime.date(2023, 3, 4),
        "report_date": datetime.date(2023, 9, 18),
        "findings_summary": "A deputy fired a Taser at a teenager who was running away.",
        "conclusion": "Sustained; the commission recommended retraining and a written reprimand.",
        "findings": [
            (PolicyCategory.CONDUCTED_ENERGY_DEVICE, FindingOutcome.SUSTAINED,
             "Flight alone does not justify a Taser under the policy.", "Policy 309.5"),
            (PolicyCategory.CUSTODY_OF_JUVENILES, FindingOutcome.UNFOUNDED,
             "The juvenile was released to a parent within the required time.", "Policy 324"),
        ],
    },
]


def demo_departments() -> dict[str, Department]:
    """The demo departments, created once and published (shared with oversight's demo)."""
    found = {}
    for key, (name, short_name, state, city) in DEPARTMENTS.items():
        department, _created = Department.objects.get_or_create(
            name=name,
            state=state,
            defaults={
                "short_name": short_name, "city": city, "dataset": DEMO_DATASET,
                "source_url": DEMO_SOURCE, "publication_status": PublicationStatus.PUBLISHED,
            },
        )
        found[key] = department
    return found


def load(*, stdout) -> None:
    departments = demo_departments()
    officers: dict[str, Officer] = {}
    for key, first, last, internal_id, badge in OFFICERS:
        officer, _created = officer_match_or_create(
            department=departments[key],
            identity=OfficerIdentity(first_name=first, last_name=last, internal_id=internal_id, badge_number=badge),
            dataset=DEMO_DATASET,
            source_url=DEMO_SOURCE,
        )
        officers[internal_id] = officer
    publication_status_set(
        queryset=Officer.objects.filter(pk__in=[o.pk for o in officers.values()]),
        status=PublicationStatus.PUBLISHED, actor=None, reason="demo data",
    )

    created = 0
    for spec in REPORTS:
        if Report.objects.filter(dataset=DEMO_DATASET, investigation_id=spec["investigation_id"]).exists():
            continue
        officer = officers[spec["officer"]]
        fields = {k: v for k, v in spec.items() if k not in ("officer", "findings")}
        report_create(
            department=officer.department,
            officer=officer,
            badge_number=officer.assignments.values_list("badge_number", flat=True).first() or "",
            findings=[FindingData(policy_category=p, outcome=o, summary=s, basis=b) for p, o, s, b in spec["findings"]],
            publication_status=PublicationStatus.PUBLISHED,
            dataset=DEMO_DATASET,
            source_url=DEMO_SOURCE,
            report_url=f"{DEMO_SOURCE}/reports/{spec['investigation_id']}.pdf",
            **fields,
        )
        created += 1
    stdout.write(f"  reports: {created} demo report(s) created, {len(REPORTS) - created} already there")
