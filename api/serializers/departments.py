from rest_framework import serializers

from officers.models import Department


class DepartmentSerializer(serializers.ModelSerializer):
    state_name = serializers.CharField(source="get_state_display", read_only=True)
    officer_count = serializers.IntegerField(read_only=True, help_text="Published officers.")

    class Meta:
        model = Department
        fields = [
            "id", "name", "short_name", "state", "state_name", "city", "internal_id_label",
            "officer_count", "source_url", "foia_number", "dataset", "created_at", "updated_at",
        ]


class DepartmentRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "state"]
