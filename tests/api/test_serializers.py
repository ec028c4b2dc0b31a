"""The partner API's cheap serializers answer exactly what DRF's generic ones would."""

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from api.serializers import ReadModelSerializer
from api.serializers.commissions import CommissionSerializer
from api.serializers.departments import DepartmentSerializer
from api.views.commissions import CommissionViewSet
from api.views.officers import OfficerViewSet
from officers.models import Face, Image, Rank
from tests.factories import (
    AssignmentFactory,
    CommissionFactory,
    ComplaintLinkFactory,
    DepartmentFactory,
    OfficerFactory,
)

pytestmark = pytest.mark.django_db


def _as_drf_would(monkeypatch, render):
    """`render()` once with the fast paths and once with DRF's own field building and lookups."""
    fast = render()
    monkeypatch.setattr(ReadModelSerializer, "get_fields", serializers.ModelSerializer.get_fields)
    monkeypatch.setattr(ReadModelSerializer, "to_representation", serializers.Serializer.to_representation)
    return fast, render()


def test_officers_render_as_drf_renders_them(monkeypatch):
    department = DepartmentFactory(state="USA-PR")
    officer = OfficerFactory(department=department, middle_name="Q", birth_year=1980)
    AssignmentFactory(officer=officer, rank=Rank.objects.create(name="Sergeant", department=department))
    AssignmentFactory(officer=officer, end_date="2020-01-01")  # no rank, no unit
    OfficerFactory(department=department)  # no assignments, no faces
    image = Image.objects.create(
        file=ContentFile(b"x", name="p.jpg"), sha256="a" * 64, department=department, review_state="approved"
    )
    Face.objects.create(image=image, officer=officer, x=0, y=0, width=5, height=5, origin="volunteer",
                        crop=ContentFile(b"y", name="face.jpg"), is_featured=True)
    request = APIRequestFactory().get("/api/v1/officers/")
    view = OfficerViewSet(request=request, format_kwarg=None)

    def render():
        officers = list(view.get_queryset().order_by("pk"))
        return view.get_serializer_class()(officers, many=True, context={"request": request}).data

    fast, drf = _as_drf_would(monkeypatch, render)
    assert fast == drf
    assert {a["rank"] for a in fast[0]["assignments"]} == {"Sergeant", None}
    assert fast[0]["faces"][0]["crop_url"].startswith("http")
    assert fast[1]["assignments"] == [] and fast[1]["middle_name"] == ""


def test_commissions_render_as_drf_renders_them(monkeypatch):
    commission = CommissionFactory(departments=[DepartmentFactory()])
    ComplaintLinkFactory(commission=commission)
    request = APIRequestFactory().get("/api/v1/commissions/")
    view = CommissionViewSet(request=request, format_kwarg=None)

    def render():
        return CommissionSerializer(view.get_queryset().get(), context={"request": request}).data

    fast, drf = _as_drf_would(monkeypatch, render)
    assert fast == drf and fast["complaint_links"] and fast["departments"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_state_names_are_the_labels_in_the_request_language(language):
    department = DepartmentFactory(state="USA-NY")
    with translation.override(language):
        assert DepartmentSerializer(department).data["state_name"] == department.get_state_display()
