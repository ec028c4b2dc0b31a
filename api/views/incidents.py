import django_filters

from api.serializers.incidents import IncidentSerializer
from api.views.base import PartnerReadOnlyViewSet, PublicRecordFilter
from core.choices import ForceRank, UsState
from incidents.models import Incident
from incidents.selectors.public import incidents_with_public_links
from officers.models import Department, Officer


class IncidentFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=UsState.choices)
    city = django_filters.CharFilter(lookup_expr="iexact")
    force_rank = django_filters.ChoiceFilter(choices=ForceRank.choices)
    force_rank_min = django_filters.ChoiceFilter(
        field_name="force_rank", lookup_expr="gte", choices=ForceRank.choices
    )
    date = django_filters.DateFromToRangeFilter(help_text="date_after / date_before (YYYY-MM-DD).")
    department = PublicRecordFilter(model=Department, field_name="departments", distinct=True)
    officer = django_filters.UUIDFilter(method="filter_officer", help_text="The officer's id.")

    class Meta:
        model = Incident
        fields = ["state", "city", "force_rank"]

    def filter_officer(self, queryset, name, value):
        # Only a public officer's incidents: an unpublished officer's id finds nothing.
        return queryset.filter(officers__in=Officer.objects.public().filter(public_id=value)).distinct()


class IncidentViewSet(PartnerReadOnlyViewSet):
    """Use-of-force incidents that reviewers approved."""

    serializer_class = IncidentSerializer
    filterset_class = IncidentFilter
    ordering_fields = ["date", "force_rank", "updated_at"]
    ordering = ["-date", "-id"]

    def get_queryset(self):
        return incidents_with_public_links(Incident.objects.public()).distinct()
