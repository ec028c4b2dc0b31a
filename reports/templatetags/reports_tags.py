from django import template

from reports.selectors import officer_report_summary

register = template.Library()


@register.inclusion_tag("reports/_officer_reports.html")
def officer_reports(officer):
    """`{% officer_reports officer %}`: the officer page's reports section, with its counts."""
    return {"report_summary": officer_report_summary(officer=officer)}
