from django import template

from oversight.selectors import commissions_for_department

register = template.Library()


@register.inclusion_tag("oversight/_officer_complaint.html")
def officer_complaint(officer):
    """`{% officer_complaint officer %}`: where to complain about this officer."""
    return {
        "officer": officer,
        "commissions": list(commissions_for_department(department=officer.department)),
    }


@register.simple_tag
def department_commissions(department):
    """`{% department_commissions department as commissions %}`: the bodies that oversee it."""
    return list(commissions_for_department(department=department))
