from rest_framework import serializers

from api.serializers.departments import DepartmentRefSerializer
from officers.models import Officer
from reports.models import Finding, Report


class FindingSerializer(serializers.ModelSerializer):
    policy_category_label = serializers.CharField(
        source="get_policy_category_display", read_only=True
    )
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)

    class Meta:
        model = Finding
        fields = [
            "policy_category", "policy_category_label", "summary", "basis", "outcome",
            "outcome_label", "created_at", "updated_at",
        ]


class OfficerRefSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Officer
        fields = ["id", "full_name", "first_name", "middle_name", "last_name"]


class ReportSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(
        source="public_id", read_only=True, help_text="Also `reportID` on /API/BA/."
    )
    officer = OfficerRefSerializer(
        source="public_officer", read_only=True, allow_null=True,
        help_text="null for a department-level report (no officer named) or a case naming several.",
    )
    named_officers = OfficerRefSerializer(source="public_named_officers", many=True, read_only=True)
    badge_number = serializers.CharField(source="public_badge_number", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    department = DepartmentRefSerializer(read_only=True)
    report_type_label = serializers.CharField(source="get_report_type_display", read_only=True)
    findings = FindingSerializer(many=True, read_only=True)

    class Meta:
        model = Report
        fields = [
            "id", "officer", "named_officers", "department", "badge_number", "report_type", "report_type_label",
            "investigator", "investigator_title", "investigator_employer", "investigation_id",
            "incident_date", "report_date", "outcome", "outcome_label", "outcome_as_stated", "findings_summary", "conclusion", "report_url",
            "archived_report_url", "records_request_url", "findings", "source_url",
            "foia_number", "dataset", "source_file", "source_row", "created_at", "updated_at",
        ]
