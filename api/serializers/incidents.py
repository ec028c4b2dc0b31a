from rest_framework import serializers

from incidents.models import Incident


class IncidentSerializer(serializers.ModelSerializer):
    force_rank_label = serializers.CharField(source="get_force_rank_display", read_only=True)
    departments = serializers.SerializerMethodField()
    officers = serializers.SerializerMethodField()

    class Meta:
        model = Incident
        fields = [
            "id", "title", "summary", "date", "force_rank", "force_rank_label", "tags", "links",
            "city", "state", "latitude", "longitude", "location_method", "source_kind",
            "source_url", "dataset", "departments", "officers", "reviewed_at", "created_at",
            "updated_at",
        ]

    def get_departments(self, incident: Incident) -> list[int]:
        return [department.pk for department in incident.public_departments]

    def get_officers(self, incident: Incident) -> list[str]:
        return [str(officer.public_id) for officer in incident.public_officers]
