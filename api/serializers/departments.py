from rest_framework import serializers

from api.serializers import ChoiceLabelField, ReadModelSerializer
from core.choices import UsState
from officers.models import Department


class DepartmentSerializer(ReadModelSerializer):
    state_name = ChoiceLabelField(UsState, source="state")
    officer_count = serializers.IntegerField(read_only=True, help_text="Published officers.")

    class Meta:
        model = Department
        fields = [
            "id", "name", "short_name", "state", "state_name", "city", "internal_id_label",
            "officer_count", "source_url", "foia_number", "dataset", "created_at", "updated_at",
        ]


class DepartmentRefSerializer(ReadModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "state"]
