from django import template

from core.choices import state_name
from core.selectors import data_set_for

register = template.Library()


@register.inclusion_tag("core/_attribution.html")
def attribution(record):
    """`{% attribution record %}`: where a record loaded from a public data set comes from,
    its licence and the publisher's attribution. Nothing for records staff entered."""
    return {"record": record, "data_set": data_set_for(slug=getattr(record, "dataset", ""))}


@register.filter(name="state_name")
def state_name_filter(code: str) -> str:
    """`{{ record.state|state_name }}`: the state's name in the page's language. Django's
    `get_state_display` translates all 56 names on each call, 0.25 ms a row of a list."""
    return state_name(code)
