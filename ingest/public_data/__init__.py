"""Real public data sets the site ships (`manage.py load_public_data`), in load order:
departments before the officers, reports and oversight bodies that refer to them."""

from collections.abc import Callable
from dataclasses import dataclass

from . import nyc_ccrb, oversight_bodies, virginia
from .base import MalformedData, Summary


@dataclass(frozen=True)
class Step:
    name: str
    description: str
    load: Callable[..., None]


STEPS = [
    Step("va_departments", "Virginia law-enforcement and jail agencies (DCJS directory)", virginia.load_directory),
    Step("va_decertifications", "Virginia decertified and reinstated officers (DCJS)", virginia.load_decertifications),
    Step("nyc_ccrb", "NYC CCRB closing reports and departure letters", nyc_ccrb.load),
    Step("oversight_bodies", "Police oversight bodies of the 100 largest cities (UChicago Law)", oversight_bodies.load),
]

__all__ = ["STEPS", "MalformedData", "Step", "Summary"]
