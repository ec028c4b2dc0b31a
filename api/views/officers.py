import django_filters
from django.db.models import Prefetch, Q

from api.documents import officer_documents, officer_documents_available
from api.renderers import CSVRenderer, Documents, JSONRenderer
from api.serializers.officers import CertificationEventSerializer, OfficerSerializer
from api.views.base import PartnerReadOnlyViewSet, PublicRecordFilter
from core.choices import UsState
from officers.models import (
    Assignment, CertificationEvent, CertificationEventKind, Department, Face, Gender, Officer, Race,
)


class OfficerFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(method="filter_name", help_text="Part of a first, middle or last name.")
    first_name = django_filters.CharFilter(lookup_expr="iexact")
    last_name = django_filters.CharFilter(lookup_expr="iexact")
    badge = django_filters.CharFilter(method="filter_badge", help_text="Exact badge number, past or present.")
    department = PublicRecordFilter(model=Department)
    state = django_filters.ChoiceFilter(field_name="department__state", choices=UsState.choices)
    race = django_filters.ChoiceFilter(choices=Race.choices)
    gender = django_filters.ChoiceFilter(choices=Gender.choices)
    currently_employed = django_filters.BooleanFilter(method="filter_current")

    class Meta:
        model = Officer
        fields = ["name", "first_name", "last_name", "badge", "department", "state", "race", "gender"]

    def filter_name(self, queryset, name, value):
        query = Q()
        for part in value.split():
            query &= Q(first_name__icontains=part) | Q(middle_name__icontains=part) | Q(last_name__icontains=part)
        return queryset.filter(query)

    def filter_badge(self, queryset, name, value):
        return queryset.filter(pk__in=Assignment.objects.filter(badge_number=value).values("officer_id"))

    def filter_current(self, queryset, name, value):
        current = Assignment.objects.filter(end_date__isnull=True).values("officer_id")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)


class OfficerViewSet(PartnerReadOnlyViewSet):
    """Published officers with their assignments (badge history) and face crops from approved photos."""

    serializer_class = OfficerSerializer
    filterset_class = OfficerFilter
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    ordering_fields = ["last_name", "first_name", "birth_year", "employment_date", "updated_at"]
    ordering = ["last_name", "first_name"]
    renderer_classes = [JSONRenderer, CSVRenderer]

    def list(self, request, *args, **kwargs):
        # A JSON page is written by PostgreSQL where it can write what the serializer would
        # (api/documents.py): a third to a half of the CPU of compiling and serializing it here.
        if request.accepted_renderer.format != "json" or not officer_documents_available():
            return super().list(request, *args, **kwargs)
        cached = self._cached_answer(request)
        if cached:
            return cached
        ids = self.paginate_queryset(self.filter_queryset(Officer.objects.public()).values_list("pk", flat=True))
        return self.get_paginated_response(Documents(officer_documents(ids=ids, request=request)))

    def get_queryset(self):
        # The prefetches read beneath officers already public: their own rule only, and each
        # officer's rows in their own order (the models' default orders start with the officer's
        # name, a join back to the officers table per prefetch).
        return (
            Officer.objects.public()
            .select_related("department")
            .prefetch_related(
                # to_attr: a plain list per officer; without it Django builds a filtered
                # QuerySet for every officer on the page, which cost more than the query.
                Prefetch(
                    "assignments",
                    queryset=Assignment.objects.public_under_public_parent()
                    .select_related("rank", "unit").order_by("-start_date", "pk"),
                    to_attr="assignment_list",
                ),
                Prefetch(
                    "faces",
                    queryset=Face.objects.public_under_public_parent().order_by("-is_featured", "-created_at", "pk"),
                    to_attr="public_faces",
                ),
                Prefetch(
                    "certification_events",
                    queryset=CertificationEvent.objects.public_under_public_parent().order_by("date", "pk"),
                    to_attr="public_certification_events",
                ),
            )
        )


class CertificationEventFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=UsState.choices)
    kind = django_filters.ChoiceFilter(choices=CertificationEventKind.choices)
    officer = django_filters.UUIDFilter(field_name="officer__public_id", help_text="The officer's id.")

    class Meta:
        model = CertificationEvent
        fields = ["state", "kind", "officer"]


class CertificationEventViewSet(PartnerReadOnlyViewSet):
    """Decertifications and reinstatements by state standards boards (POST), each with the
    date and reason as the board states them. A date the source gives that cannot be right is
    `date: null` with `date_as_stated` and `date_in_doubt: true`."""

    serializer_class = CertificationEventSerializer
    filterset_class = CertificationEventFilter
    ordering_fields = ["date", "updated_at"]
    ordering = ["-date", "pk"]

    def get_queryset(self):
        return (
            CertificationEvent.objects.public().select_related("officer")
        )
