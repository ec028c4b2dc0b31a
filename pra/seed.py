"""Seeding laws and letters from the data files; used by `manage.py seed_pra` and `pra.demo`."""

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

from core.choices import UsState
from core.summary import Summary
from pra import hole, letter_texts, services, state_letters, verification
from pra.choices import GENERIC_JURISDICTION, LetterLanguage, Subject

LAWS_FILE = "state_public_records_laws.json"
CHOICES_FILE = "badapple_choices.json"
TERRITORIES_FILE = Path(__file__).resolve().parent / "data" / "territory_laws.json"
DATASET = (
    "state_public_records_laws.json (FOIL the Police, FOIA Machine, HOLE Foundation); "
    f"{hole.DATASET}"
)
SPANISH_JURISDICTIONS = {"USA-PR"}


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def seed(*, data_dir: Path | None = None, dry_run: bool = False) -> Summary:
    data_dir = Path(data_dir or settings.DATA_DIR)
    summary = Summary()
    laws = _load(data_dir / LAWS_FILE)["states"]
    choices = _load(data_dir / CHOICES_FILE)
    editors = {k: v for k, v in _load(TERRITORIES_FILE).items() if not k.startswith("_")}
    # A broken release file stops the seed before anything is written (HoleFileError).
    release = hole.read_release(data_dir / hole.FOLDER)
    verified = verification.verified_deadlines()

    for jurisdiction in UsState.values:
        entry = laws.get(jurisdiction) or {}
        raw = {key: entry.get(key) for key in ("foilthepolice", "foiamachine", "hole")}
        try:
            outcome = services.law_seed(
                jurisdiction=jurisdiction,
                raw=raw,
                editors=editors.get(jurisdiction),
                release=release.get(jurisdiction),
                verified=verified.get(jurisdiction),
                dataset=DATASET,
                dry_run=dry_run,
            )
        except (ValidationError, KeyError, TypeError, ValueError) as error:
            # Report every bad row and keep going: the good rows are still worth having.
            summary.failed += 1
            summary.notes.append(f"{LAWS_FILE}: {jurisdiction}: {error}")
            continue
        summary.count(outcome)

    own_letters = [GENERIC_JURISDICTION, *choices["states_without_generic_pra_fallback"]]
    for jurisdiction in own_letters:
        language = (
            LetterLanguage.SPANISH
            if jurisdiction in SPANISH_JURISDICTIONS
            else LetterLanguage.ENGLISH
        )
        for subject in Subject:
            outcome = services.template_seed(
                jurisdiction=jurisdiction,
                subject=subject,
                language=language,
                title=letter_texts.letter_title(subject=subject, language=language),
                body=letter_texts.letter_body(
                    subject=subject,
                    language=language,
                    generic=jurisdiction == GENERIC_JURISDICTION,
                ),
                dry_run=dry_run,
            )
            summary.count(outcome)
    for jurisdiction in state_letters.STATES:
        for subject in Subject:
            outcome = services.template_seed(
                jurisdiction=jurisdiction,
                subject=subject,
                language=LetterLanguage.ENGLISH,
                title=letter_texts.letter_title(subject=subject, language=LetterLanguage.ENGLISH),
                body=state_letters.letter_body(state=jurisdiction, subject=subject),
                dry_run=dry_run,
            )
            summary.count(outcome)
    return summary
