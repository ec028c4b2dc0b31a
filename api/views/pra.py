import django_filters

from api.serializers.pra import LawSerializer, RequestTemplateSerializer
from api.views.base import PartnerReadOnlyViewSet
from core.choices import UsState
from pra.choices import JURISDICTION_CHOICES, LetterLanguage, Subject
from pra.models import Law, RequestTemplate


class LawFilter(django_filters.FilterSet):
    jurisdiction = django_filters.ChoiceFilter(choices=UsState.choices, help_text="USA-XX code.")

    class Meta:
        model = Law
        fields = ["jurisdiction", "deadline_kind"]


class LawViewSet(PartnerReadOnlyViewSet):
    """Each state's and territory's public-records law, every fact with the source it came from.
    Deadlines are as our sources state them: verify against the statute before relying on one."""

    serializer_class = LawSerializer
    filterset_class = LawFilter
    lookup_field = "jurisdiction"
    lookup_url_kwarg = "id"
    lookup_value_regex = "USA-[A-Z]{2}"
    ordering_fields = ["jurisdiction", "updated_at"]
    ordering = ["jurisdiction"]

    def get_queryset(self):
        return Law.objects.public()


class RequestTemplateFilter(django_filters.FilterSet):
    jurisdiction = django_filters.ChoiceFilter(
        choices=JURISDICTION_CHOICES, help_text="USA-XX, or USA-00 for the generic letters."
    )
    subject = django_filters.ChoiceFilter(choices=Subject.choices)
    language = django_filters.ChoiceFilter(choices=LetterLanguage.choices)

    class Meta:
        model = RequestTemplate
        fields = ["jurisdiction", "subject", "language"]


class RequestTemplateViewSet(PartnerReadOnlyViewSet):
    """Records-request letter templates per jurisdiction and subject. A state without its own
    letter for a subject uses the USA-00 one (`/API/PRA/` applies that fallback for you)."""

    serializer_class = RequestTemplateSerializer
    filterset_class = RequestTemplateFilter
    ordering_fields = ["jurisdiction", "subject", "updated_at"]
    ordering = ["jurisdiction", "subject", "id"]

    def get_queryset(self):
        return RequestTemplate.objects.public()
