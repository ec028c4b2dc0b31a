import django_filters
from django.db.models import Prefetch

from api.serializers.incidents import IncidentSerializer
from api.views.base import PartnerReadOnlyViewSet
from core.choices import ForceRank, UsState
from incidents.models import Incident
from officers.models import Department, Officer


class IncidentFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=UsState.choices)
    city = django_filters.CharFilter(lookup_expr="iexact")
    force_rank = django_filters.ChoiceFilter(choices=ForceRank.choices)
    force_rank_min = django_filters.ChoiceFilter(
        field_name="force_rank", lookup_expr="gte", choices=ForceRank.choices
    )
    date = django_filters.DateFromToRangeFilter(help_text="date_after / date_before (YYYY-MM-DD).")
    department = django_filters.ModelChoiceFilter(
        field_name="departments", queryset=Department.objects.published(), distinct=True
    )
    officer = django_filters.UUIDFilter(field_name="officers__public_id")

    class Meta:
        model = Incident
        fields = ["state", "city", "force_rank"]


class IncidentViewSet(PartnerReadOnlyViewSet):
    """Use-of-force incidents that reviewers approved."""

    serializer_class = IncidentSerializer
    filterset_class = IncidentFilter
    ordering_fields = ["date", "force_rank", "updated_at"]
    ordering = ["-date", "-id"]

    def get_queryset(self):
        return (
            Incident.objects.approved()
            .prefetch_related(
                Prefetch("departments", queryset=Department.objects.published(), to_attr="public_departments"),
                Prefetch("officers", queryset=Officer.objects.published(), to_attr="public_officers"),
            )
            .distinct()
        )
