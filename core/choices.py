"""Choice lists shared by several apps.

Our schema stores readable codes; external codes (Bad Apple's numeric ones) are mapped at the
edges. States keep Bad Apple's `USA-XX` form because partners' scripts send it.
"""

import functools

from django.db import models
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _


class UsState(models.TextChoices):
    USA_AL = "USA-AL", _("Alabama")
    USA_AK = "USA-AK", _("Alaska")
    USA_AS = "USA-AS", _("American Samoa")
    USA_AZ = "USA-AZ", _("Arizona")
    USA_AR = "USA-AR", _("Arkansas")
    USA_CA = "USA-CA", _("California")
    USA_CO = "USA-CO", _("Colorado")
    USA_CT = "USA-CT", _("Connecticut")
    USA_DE = "USA-DE", _("Delaware")
    USA_DC = "USA-DC", _("District of Columbia")
    USA_FL = "USA-FL", _("Florida")
    USA_GA = "USA-GA", _("Georgia")
    USA_GU = "USA-GU", _("Guam")
    USA_HI = "USA-HI", _("Hawaii")
    USA_ID = "USA-ID", _("Idaho")
    USA_IL = "USA-IL", _("Illinois")
    USA_IN = "USA-IN", _("Indiana")
    USA_IA = "USA-IA", _("Iowa")
    USA_KS = "USA-KS", _("Kansas")
    USA_KY = "USA-KY", _("Kentucky")
    USA_LA = "USA-LA", _("Louisiana")
    USA_ME = "USA-ME", _("Maine")
    USA_MD = "USA-MD", _("Maryland")
    USA_MA = "USA-MA", _("Massachusetts")
    USA_MI = "USA-MI", _("Michigan")
    USA_MN = "USA-MN", _("Minnesota")
    USA_MS = "USA-MS", _("Mississippi")
    USA_MO = "USA-MO", _("Missouri")
    USA_MT = "USA-MT", _("Montana")
    USA_NE = "USA-NE", _("Nebraska")
    USA_NV = "USA-NV", _("Nevada")
    USA_NH = "USA-NH", _("New Hampshire")
    USA_NJ = "USA-NJ", _("New Jersey")
    USA_NM = "USA-NM", _("New Mexico")
    USA_NY = "USA-NY", _("New York")
    USA_NC = "USA-NC", _("North Carolina")
    USA_ND = "USA-ND", _("North Dakota")
    USA_MP = "USA-MP", _("Northern Mariana Islands")
    USA_OH = "USA-OH", _("Ohio")
    USA_OK = "USA-OK", _("Oklahoma")
    USA_OR = "USA-OR", _("Oregon")
    USA_PA = "USA-PA", _("Pennsylvania")
    USA_PR = "USA-PR", _("Puerto Rico")
    USA_RI = "USA-RI", _("Rhode Island")
    USA_SC = "USA-SC", _("South Carolina")
    USA_SD = "USA-SD", _("South Dakota")
    USA_TN = "USA-TN", _("Tennessee")
    USA_TX = "USA-TX", _("Texas")
    USA_UT = "USA-UT", _("Utah")
    USA_VT = "USA-VT", _("Vermont")
    USA_VI = "USA-VI", _("Virgin Islands")
    USA_VA = "USA-VA", _("Virginia")
    USA_WA = "USA-WA", _("Washington")
    USA_WV = "USA-WV", _("West Virginia")
    USA_WI = "USA-WI", _("Wisconsin")
    USA_WY = "USA-WY", _("Wyoming")

# Built once: `UsState.values` makes a new list on every read.
STATE_CODES = frozenset(UsState.values)
POSTAL_TO_STATE = {code.removeprefix("USA-"): code for code in UsState.values}
NAME_TO_STATE = {label.lower(): code for code, label in UsState.choices}


def state_name(code: str) -> str:
    """A state's name in the active language (`USA-OR` → Oregon / Oregón), the code itself for
    an unknown one."""
    return choice_labels(UsState, get_language()).get(code, code)


@functools.cache
def choice_labels(choices: type[models.Choices], language: str) -> dict:
    """{value: label} of `choices` in `language`, made once per process: Django's
    `get_FOO_display()` translates every label of the field on each call (0.25 ms for the 56
    states), and so did switching the language for each value."""
    with override(language):
        return {value: str(label) for value, label in choices.choices}


def state_from_text(value: str) -> str | None:
    """`USA-OR`, `OR`, `or` or `Oregon` → `USA-OR`; None when it is not a US state or territory."""
    text = (value or "").strip()
    if text.upper() in STATE_CODES:
        return text.upper()
    if text.upper() in POSTAL_TO_STATE:
        return POSTAL_TO_STATE[text.upper()]
    return NAME_TO_STATE.get(text.lower())


class ForceRank(models.IntegerChoices):
    """The six-rank use-of-force scale of the Human Rights First project."""

    NO_POLICE = 0, _("No police presence")
    NO_FORCE = 1, _("Police present, no force")
    OPEN_HAND = 2, _("Open hand")
    BLUNT = 3, _("Blunt force")
    CHEMICAL_ELECTRIC = 4, _("Chemical and electric")
    LETHAL = 5, _("Lethal force")


FORCE_RANK_DESCRIPTIONS = {
    ForceRank.NO_POLICE: _("No police presence."),
    ForceRank.NO_FORCE: _("Police present, no force used."),
    ForceRank.OPEN_HAND: _("Bodily force: grabs, holds, joint locks, pushes, strikes, tackles."),
    ForceRank.BLUNT: _("Less-lethal impact: batons, rubber or foam bullets, bean bags, flash-bangs."),
    ForceRank.CHEMICAL_ELECTRIC: _(
        "Pepper spray, tear gas, pepper balls, tasers, sound cannons (LRAD)."
    ),
    ForceRank.LETHAL: _("Firearms, live rounds, explosives, deaths."),
}


# Where a post came from: ingest's sources and the incidents made from their posts both record it.
class SourceKind(models.TextChoices):
    TWITTER = "twitter", _("X / Twitter")
    NEWS = "news", _("News feed")
    DATASET = "dataset", _("Data set")
    CSV = "csv", _("CSV import")
    PUBLIC = "public", _("Public submission")
