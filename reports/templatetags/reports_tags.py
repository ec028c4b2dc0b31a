from django import template

from reports.selectors import department_report_count, officer_report_summary

register = template.Library()


@register.inclusion_tag("reports/_officer_reports.html")
def officer_reports(officer):
    """`{% officer_reports officer %}`: the officer page's reports section, with its counts."""
    return {"report_summary": officer_report_summary(officer=officer)}


@register.simple_tag(name="department_report_count")
def department_report_count_tag(department):
    """`{% department_report_count department as report_count %}`: published reports naming it."""
    return department_report_count(department=department)
