"""Demo oversight commissions (`manage.py load_demo`): made-up, visibly labelled "Demo record".

Two demo departments are covered and one ("Lakeside") deliberately is not, so the complaint
routing page shows both of its answers. Idempotent: keyed by name, state and city.
"""

from core.models import PublicationStatus
from oversight.models import DEMO_DATASET, Commission, CommissionType, ComplaintFormType
from oversight.services import ComplaintLinkData, commission_create
from reports.demo import DEMO_SOURCE, demo_departments

COMMISSIONS = [
    {
        "name": "Riverton Community Police Review Board (demo)",
        "commission_type": CommissionType.POLICE_REVIEW_BOARD,
        "state": "USA-OR",
        "city": "Riverton",
        "postal_code": "97000",
        "address": "Riverton City Hall, Room 210\n100 Main Street\nRiverton, OR",
        "email": "complaints@example.org",
        "phone": "555-0100",
        "tdd": "555-0101",
        "website": f"{DEMO_SOURCE}/riverton-board",
        "members_url": f"{DEMO_SOURCE}/riverton-board/members",
        "faq_url": f"{DEMO_SOURCE}/riverton-board/faq",
        "about": "Nine volunteer residents appointed by the city council review complaints "
                 "against Riverton police officers and can subpoena records.",
        "complaint_instructions": "File within one year of the incident. You may complain "
                                  "online, by phone, by mail or in person; you do not need to "
                                  "give your immigration status. An investigator will call you "
                                  "within ten working days.",
        "covers": ["riverton"],
        "links": [
            ComplaintLinkData(url=f"{DEMO_SOURCE}/riverton-board/complaint", form_type=ComplaintFormType.ONLINE),
            ComplaintLinkData(url=f"{DEMO_SOURCE}/riverton-board/queja", form_type=ComplaintFormType.ONLINE_SPANISH),
            ComplaintLinkData(url=f"{DEMO_SOURCE}/riverton-board/complaint.pdf", form_type=ComplaintFormType.PRINTABLE),
            ComplaintLinkData(url=f"{DEMO_SOURCE}/riverton-board/process", kind="information",
                              title="What happens after you complain"),
        ],
    },
    {
        "name": "Cascade County Sheriff Oversight Commission (demo)",
        "commission_type": CommissionType.SHERIFF_REVIEW_BOARD,
        "state": "USA-OR",
        "city": "Cascade Falls",
        "email": "oversight@example.org",
        "phone": "555-0199",
        "website": f"{DEMO_SOURCE}/cascade-commission",
        "about": "Reviews complaints about deputies and conditions in the county jail.",
        "complaint_instructions": "Print the form, sign it, and mail or bring it to the "
                                  "commission's office. Complaints about the jail can be "
                                  "made by any family member.",
        "covers": ["cascade"],
        "links": [
            ComplaintLinkData(url=f"{DEMO_SOURCE}/cascade-commission/form.pdf", form_type=ComplaintFormType.PRINTABLE),
            ComplaintLinkData(url=f"{DEMO_SOURCE}/cascade-commission/formulario.pdf",
                              form_type=ComplaintFormType.PRINTABLE_SPANISH),
        ],
    },
]


def load(*, stdout) -> None:
    departments = demo_departments()
    created = 0
    for spec in COMMISSIONS:
        spec = dict(spec)
        covers = [departments[key] for key in spec.pop("covers")]
        links = spec.pop("links")
        if Commission.objects.filter(name=spec["name"], state=spec["state"], city=spec["city"]).exists():
            continue
        commission_create(
            **spec, departments=covers, complaint_links=links,
            publication_status=PublicationStatus.PUBLISHED, dataset=DEMO_DATASET, source_url=DEMO_SOURCE,
        )
        created += 1
    stdout.write(f"  oversight: {created} demo commission(s) created, {len(COMMISSIONS) - created} already there")
