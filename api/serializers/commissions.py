from rest_framework import serializers

from api.serializers import ChoiceLabelField, ReadModelSerializer
from api.serializers.departments import DepartmentRefSerializer
from core.choices import UsState
from oversight.models import Commission, ComplaintLink


class ComplaintLinkSerializer(ReadModelSerializer):
    label = serializers.CharField(read_only=True, help_text="The form type's label, else the kind's.")

    class Meta:
        model = ComplaintLink
        fields = ["kind", "form_type", "label", "title", "url"]


class CommissionSerializer(ReadModelSerializer):
    id = serializers.UUIDField(
        source="public_id", read_only=True, help_text="Also `commissionID` on /API/Oversight/."
    )
    commission_type_label = serializers.CharField(source="get_commission_type_display", read_only=True)
    state_name = ChoiceLabelField(UsState, source="state")
    complaint_links = ComplaintLinkSerializer(many=True, read_only=True)
    departments = DepartmentRefSerializer(
        many=True, read_only=True, source="public_departments",
        help_text="Published departments it covers.",
    )

    class Meta:
        model = Commission
        fields = [
            "id", "name", "commission_type", "commission_type_label", "website", "state",
            "state_name", "city", "postal_code", "address", "email", "phone", "tdd", "fax",
            "contact_form_url", "press_contacts", "about", "complaint_instructions",
            "complaint_links", "members_url", "faq_url", "departments", "source_url", "dataset",
            "created_at", "updated_at",
        ]
