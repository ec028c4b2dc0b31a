from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import ReadModelSerializer
from api.serializers.departments import DepartmentRefSerializer
from officers.models import Assignment, Face, Officer


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


class OfficerSerializer(ReadModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    full_name = serializers.CharField(read_only=True)
    department = DepartmentRefSerializer(read_only=True)
    assignments = AssignmentSerializer(many=True, read_only=True, source="assignment_list")
    faces = FaceSerializer(many=True, read_only=True, source="public_faces")

    class Meta:
        model = Officer
        fields = [
            "id", "full_name", "first_name", "middle_name", "last_name", "suffix", "department",
            "race", "gender", "birth_year", "employment_date", "internal_id", "assignments",
            "faces", "source_url", "dataset", "created_at", "updated_at",
        ]
