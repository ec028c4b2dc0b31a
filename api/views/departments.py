import django_filters
from django.db.models import Count

from api.serializers.departments import DepartmentSerializer
from api.views.base import PartnerReadOnlyViewSet
from core.choices import UsState
from core.models import public_q
from officers.models import Department, Officer


class DepartmentFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", help_text="Part of the name.")
    state = django_filters.ChoiceFilter(choices=UsState.choices, help_text="USA-XX code.")
    city = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Department
        fields = ["name", "state", "city"]


class DepartmentViewSet(PartnerReadOnlyViewSet):
    """Published police and sheriff departments."""

    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilter
    ordering_fields = ["name", "state", "city", "updated_at"]
    ordering = ["name"]

    def get_queryset(self):
        return Department.objects.public().annotate(
            officer_count=Count("officers", filter=public_q(Officer, "officers__"))
        )
