"""`GET /API/PRA/`: the public-records request letter for a state and subject, as Bad Apple had it.

A state without a letter of its own gets the generic one (Bad Apple's `USA-00`), with that
state's law filled in; `stateTerritoryProvince` names the state asked for. What the requester
supplies stays as bracketed prompts in `letterBody`.
"""

from api.badapple import COUNTRY, BadAppleView, HeaderFilter, code_in, state_code, state_label, timestamp
from pra.badapple import SUBJECT_BY_CODE
from pra.letters import letter_template_text
from pra.selectors import template_for

# Bad Apple's own wording of its twelve subjects (data/badapple_choices.json `pra_subjects`).
BADAPPLE_SUBJECT_LABELS = {
    0: "Body Worn Cameras",
    1: "Unmanned Aerial Vehicles (Drones)",
    2: "Facial Recognition",
    3: "Thermographic Cameras (FLIR)",
    4: "License Plate Readers",
    5: "Federal MOUs (Memoranda of Understanding)",
    6: "Predictive Policing",
    7: "Gunshot Detection Microphones (ShotSpotter)",
    8: "Social Media Monitoring",
    9: "IMSI-Catcher Equipment (Stingray)",
    10: "Police Misconduct - Based on the Officer's Name",
    11: "Police Misconduct - Based on the Incident",
}
SUBJECT_CODES = {str(code): code for code in SUBJECT_BY_CODE}


class PraBadAppleView(BadAppleView):
    filters = (
        HeaderFilter("State", state_code, required=True),
        HeaderFilter("Subject", code_in(SUBJECT_CODES), required=True),
    )

    def query(self, *, state: str, subject: int) -> list[dict]:
        match = template_for(state=state, subject=SUBJECT_BY_CODE[subject].value)
        if match.template is None:
            return []
        title, body = letter_template_text(template=match.template, law=match.law, jurisdiction=state)
        return [
            {
                "country": COUNTRY,
                "stateTerritoryProvince": state_label(state),
                "subject": BADAPPLE_SUBJECT_LABELS[subject],
                "title": title,
                "letterBody": body,
                "createdOn": timestamp(match.template.created_at),
                "updatedOn": timestamp(match.template.updated_at),
            }
        ]
