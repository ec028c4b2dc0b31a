from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api import selectors
from api.models import PartnerKey
from api.serializers.usage import UsageSerializer
from api.views.base import PartnerAPIView


class UsageView(PartnerAPIView):
    """Your key's standing this week and its usage per day. Free: it takes no credits."""

    credit_cost = 0

    @extend_schema(responses=UsageSerializer, operation_id="usage_retrieve")
    def get(self, request):
        key = request.auth
        charge = request.quota_charge
        prefix = PartnerKey.objects.filter(pk=key.id).values_list("prefix", flat=True).get()
        data = {
            "organisation": key.organisation,
            "key_prefix": prefix,
            "weekly_quota": key.weekly_quota,
            "credits_used": charge.used,
            "credits_remaining": charge.remaining,
            "resets_at": charge.resets_at,
            "days": selectors.daily_usage_list(key_id=key.id),
        }
        return Response(UsageSerializer(data).data)
