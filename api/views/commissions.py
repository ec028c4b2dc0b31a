import django_filters
from django.db.models import Prefetch

from api.serializers.commissions import CommissionSerializer
from api.views.base import PartnerReadOnlyViewSet, PublicRecordFilter
from core.choices import UsState
from officers.models import Department
from oversight.models import Commission, CommissionType
from oversight.selectors import commission_directory


class CommissionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=UsState.choices, help_text="USA-XX code.")
    city = django_filters.CharFilter(lookup_expr="iexact", help_text="Whole city name, any case.")
    commission_type = django_filters.ChoiceFilter(choices=CommissionType.choices)
    department = PublicRecordFilter(
        model=Department, field_name="departments",
        help_text="Commissions covering this department: where to file a complaint.",
    )

    class Meta:
        model = Commission
        fields = ["state", "city", "commission_type", "department"]


class CommissionViewSet(PartnerReadOnlyViewSet):
    """Published civilian oversight commissions, with their complaint links and the departments
    they cover."""

    serializer_class = CommissionSerializer
    filterset_class = CommissionFilter
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    ordering_fields = ["name", "state", "city", "updated_at"]
    ordering = ["state", "city", "name"]

    def get_queryset(self):
        return commission_directory().prefetch_related(
            Prefetch(
                "departments", queryset=Department.objects.public().order_by("name"),
                to_attr="public_departments",
            )
        )
