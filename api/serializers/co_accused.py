from rest_framework import serializers


class CoAccusedOfficerSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="officer.public_id", help_text="The officer's public id.")
    name = serializers.CharField(source="officer.full_name")
    department = serializers.IntegerField(source="officer.department_id")
    shared_reports = serializers.IntegerField(source="reports", help_text="Published reports or CCRB cases naming both.")
    shared_incidents = serializers.IntegerField(source="incidents", help_text="Approved incidents naming both.")
    shared_records = serializers.IntegerField(source="shared")


class CoAccusedSerializer(serializers.Serializer):
    officer = serializers.UUIDField()
    total = serializers.IntegerField(help_text="Officers named with this one in all; `results` holds the first 100.")
    results = CoAccusedOfficerSerializer(many=True)
