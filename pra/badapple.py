"""Bad Apple's numeric subject codes, mapped at the edge (partner API, imports).

Bad Apple (P5vc/bad-apple-backend) stores subjects as the numbers 0–11; partner scripts send
them in the `Subject` header of `/API/PRA/`.
"""

from pra.choices import Subject

SUBJECT_BY_CODE: dict[int, Subject] = {
    0: Subject.BODY_CAMERAS,
    1: Subject.DRONES,
    2: Subject.FACIAL_RECOGNITION,
    3: Subject.THERMAL_CAMERAS,
    4: Subject.LICENSE_PLATE_READERS,
    5: Subject.FEDERAL_AGREEMENTS,
    6: Subject.PREDICTIVE_POLICING,
    7: Subject.GUNSHOT_DETECTION,
    8: Subject.SOCIAL_MEDIA_MONITORING,
    9: Subject.CELL_SITE_SIMULATORS,
    10: Subject.MISCONDUCT_BY_OFFICER,
    11: Subject.MISCONDUCT_BY_INCIDENT,
}
CODE_BY_SUBJECT: dict[str, int] = {subject.value: code for code, subject in SUBJECT_BY_CODE.items()}


def subject_from_badapple(code: int | str | None) -> Subject | None:
    """`"4"` or `4` → `Subject.LICENSE_PLATE_READERS`; None for anything else (never raises)."""
    try:
        number = int(str(code).strip())
    except (TypeError, ValueError):
        return None
    if str(number) != str(code).strip():
        return None
    return SUBJECT_BY_CODE.get(number)


def subject_to_badapple(value: str) -> int | None:
    """`"license_plate_readers"` → `4`; None when `value` is not one of our subjects."""
    return CODE_BY_SUBJECT.get(value)


def subject_from_text(value: str | None) -> Subject | None:
    """Our code (`drones`) or Bad Apple's number (`1`): what a URL or a header may carry."""
    text = (value or "").strip()
    if text in Subject.values:
        return Subject(text)
    return subject_from_badapple(text)
