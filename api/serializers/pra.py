from rest_framework import serializers

from pra.letters import placeholders_in
from pra.models import Law, RequestTemplate


class LawSerializer(serializers.ModelSerializer):
    state_name = serializers.CharField(source="get_jurisdiction_display", read_only=True)
    deadline_kind_label = serializers.CharField(source="get_deadline_kind_display", read_only=True)

    class Meta:
        model = Law
        fields = [
            "jurisdiction", "state_name", "name", "name_source", "statute_citation",
            "statute_citation_source", "statute_url", "statute_url_source", "deadline_kind",
            "deadline_kind_label", "deadline_days", "deadline_wording", "deadline_source",
            "appeal_route", "appeal_route_source", "fee_notes", "fee_notes_source", "guide_links",
            "updated_at",
        ]


class RequestTemplateSerializer(serializers.ModelSerializer):
    subject_label = serializers.CharField(source="get_subject_display", read_only=True)
    placeholders = serializers.SerializerMethodField(
        help_text="The `{{ name }}` fields of `title` and `body`, for you to fill in."
    )

    class Meta:
        model = RequestTemplate
        fields = [
            "id", "jurisdiction", "subject", "subject_label", "language", "title", "body", "notes",
            "placeholders", "created_at", "updated_at",
        ]

    def get_placeholders(self, template: RequestTemplate) -> list[str]:
        return sorted(placeholders_in(template.title) | placeholders_in(template.body))
