"""The record sections of the officer and department pages, computed where their data lives
above the officers app: `{% officer_record officer as record %}`, `{% department_record
department as record %}`."""

from django import template

from records import departments, officers

register = template.Library()


@register.simple_tag
def officer_record(officer) -> dict:
    """Summary, timeline and co-accused (with the network drawing's nodes) of a public officer."""
    co_accused, co_accused_total = officers.officer_co_accused(officer=officer)
    return {
        "summary": officers.officer_summary(officer=officer),
        "timeline": officers.officer_timeline(officer=officer),
        "timeline_kinds": officers.TIMELINE_KINDS,
        "co_accused": co_accused,
        "co_accused_total": co_accused_total,
        "network": officers.co_accused_network(co_accused),
        "network_size": officers.NETWORK_SIZE,
    }


@register.simple_tag
def department_record(department) -> dict:
    """A public department's counts, charts and the labels of their outcomes."""
    record = departments.department_record(department=department)
    return {
        "record": record,
        "charts": departments.department_charts(record),
        "outcome_labels": departments.outcome_labels(),
    }
