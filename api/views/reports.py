import django_filters
from django import forms
from django.db.models import Q

from api.serializers.reports import ReportSerializer
from api.views.base import PartnerReadOnlyViewSet, PublicRecordFilter
from core.choices import UsState
from officers.models import Department, Officer
from reports.models import Finding, FindingOutcome, PolicyCategory, Report
from reports.selectors import report_search


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ReportFilter(django_filters.FilterSet):
    officer = django_filters.UUIDFilter(method="filter_officer", help_text="The officer's id.")
    department = PublicRecordFilter(model=Department)
    state = django_filters.ChoiceFilter(field_name="department__state", choices=UsState.choices)
    city = django_filters.CharFilter(field_name="department__city", lookup_expr="iexact")
    incident_year = YearFilter(
        field_name="incident_date", lookup_expr="year", min_value=1800, max_value=2200
    )
    policy_category = django_filters.ChoiceFilter(
        choices=PolicyCategory.choices, method="filter_findings",
        help_text="Reports with a finding under this policy (with `outcome`: on the same finding).",
    )
    outcome = django_filters.ChoiceFilter(
        choices=FindingOutcome.choices, method="filter_findings",
        help_text="Reports with a finding of this outcome.",
    )

    class Meta:
        model = Report
        fields = ["officer", "department", "state", "city", "incident_year", "policy_category", "outcome"]

    def filter_officer(self, queryset, name, value):
        # Reports about a public officer only: an unpublished officer's id finds nothing.
        return queryset.filter(pk__in=Report.objects.filter(
            officer__in=Officer.objects.public().filter(public_id=value)
        ).values("pk"))

    def filter_findings(self, queryset, name, value):
        # Policy and outcome must hold on the same finding: the first of the two applies both.
        policy = self.form.cleaned_data.get("policy_category")
        if name == "outcome" and policy:
            return queryset
        outcome = self.form.cleaned_data.get("outcome")
        finding = Q(policy_category=policy) if policy else Q()
        if outcome:
            finding &= Q(outcome=outcome)
        return queryset.filter(pk__in=Finding.objects.filter(finding).values("report_id"))


class ReportViewSet(PartnerReadOnlyViewSet):
    """Published misconduct investigation reports with their findings. Each call costs 3 credits."""

    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    credit_cost = 3
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    ordering_fields = ["incident_date", "report_date", "updated_at"]
    ordering = ["-incident_date", "-report_date"]

    def get_queryset(self):
        return report_search()
