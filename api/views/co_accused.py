from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api.serializers.co_accused import CoAccusedSerializer
from api.views.base import PartnerAPIView
from officers import selectors
from officers.models import Officer
from records import officers as records

LIMIT = 100


class OfficerCoAccusedView(PartnerAPIView):
    """Officers named with this officer in the same published report or CCRB case, or the
    same approved incident, with the count of shared records; most shared first."""

    @extend_schema(responses=CoAccusedSerializer, operation_id="officers_co_accused")
    def get(self, request, id):
        try:
            officer = selectors.officer_public_queryset().get(public_id=id)
        except Officer.DoesNotExist:
            raise Http404 from None
        rows, total = records.officer_co_accused(officer=officer, limit=LIMIT)
        return Response(CoAccusedSerializer({"officer": officer.public_id, "total": total, "results": rows}).data)
