from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import ReadModelSerializer
from api.serializers.departments import DepartmentRefSerializer
from officers.models import Assignment, CertificationEvent, Face, Officer


class AssignmentSerializer(ReadModelSerializer):
    rank = serializers.CharField(source="rank.name", default=None, allow_null=True, read_only=True)
    unit = serializers.CharField(source="unit.name", default=None, allow_null=True, read_only=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = Assignment
        fields = ["badge_number", "rank", "unit", "start_date", "end_date", "is_current"]


class FaceSerializer(ReadModelSerializer):
    crop_url = serializers.SerializerMethodField()

    class Meta:
        model = Face
        fields = ["id", "crop_url", "is_featured"]

    @extend_schema_field(serializers.URLField())
    def get_crop_url(self, face: Face) -> str:
        request = self.context.get("request")
        url = face.crop.url
        return request.build_absolute_uri(url) if request else url


class CertificationEventSerializer(ReadModelSerializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    officer = serializers.UUIDField(source="officer.public_id", read_only=True)
    officer_name = serializers.CharField(source="officer.full_name", read_only=True)

    class Meta:
        model = CertificationEvent
        fields = [
            "id", "officer", "officer_name", "state", "kind", "date", "date_as_stated", "date_in_doubt",
            "reason", "status_as_stated", "officer_function", "agency_as_stated", "source_list",
            "dataset", "source_file", "source_row", "source_url",
        ]


class OfficerSerializer(ReadModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    full_name = serializers.CharField(read_only=True)
    department = DepartmentRefSerializer(read_only=True)
    assignments = AssignmentSerializer(many=True, read_only=True, source="assignment_list")
    faces = FaceSerializer(many=True, read_only=True, source="public_faces")
    certification_events = CertificationEventSerializer(
        many=True, read_only=True, source="public_certification_events"
    )

    class Meta:
        model = Officer
        fields = [
            "id", "full_name", "first_name", "middle_name", "last_name", "suffix", "department",
            "race", "gender", "birth_year", "employment_date", "internal_id", "assignments",
            "faces", "certification_events", "source_url", "dataset", "source_file", "source_row", "created_at", "updated_at",
        ]
