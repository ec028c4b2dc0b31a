from django import template

from core.selectors import data_set_for

register = template.Library()


@register.inclusion_tag("core/_attribution.html")
def attribution(record):
    """`{% attribution record %}`: where a record loaded from a public data set comes from,
    its licence and the publisher's attribution. Nothing for records staff entered."""
    return {"record": record, "data_set": data_set_for(slug=getattr(record, "dataset", ""))}
