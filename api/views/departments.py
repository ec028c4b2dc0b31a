import django_filters
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from api.serializers.departments import DepartmentSerializer
from api.views.base import PartnerReadOnlyViewSet
from core.choices import UsState
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
        # A subquery per department on the page rather than a join and GROUP BY over the whole
        # list: the page's count query then counts departments alone (Django leaves an unused
        # subquery out of count(), not a grouped join).
        officers = (
            Officer.objects.public_under_public_parent().filter(department=OuterRef("pk"))
            .order_by().values("department").annotate(n=Count("pk")).values("n")
        )
        return Department.objects.public().annotate(officer_count=Coalesce(Subquery(officers), 0))
