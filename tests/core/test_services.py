"""Edits of curated records share one rule: only editable fields, validated, saved with who did it."""

import pytest
from django.core.exceptions import ValidationError

from pra.services import template_update

pytestmark = pytest.mark.django_db


def test_an_edit_naming_a_field_it_may_not_change_is_refused_whole():
    template = _template()
    with pytest.raises(ValidationError, match="cannot be changed here: officer_id"):
        template_update(template=template, data={"title": "Changed", "officer_id": 1}, actor=None)
    template.refresh_from_db()
    assert template.title == "Records"


def test_an_edit_is_saved_and_attributed_to_its_author(user_with_role):
    curator = user_with_role("curator")
    template = _template()

    template_update(template=template, data={"title": "Body-worn camera footage"}, actor=curator)

    template.refresh_from_db()
    assert template.title == "Body-worn camera footage"
    assert template.history.first().history_user == curator


def _template():
    from pra.models import RequestTemplate

    return RequestTemplate.objects.create(
        jurisdiction="USA-VT", subject="body_cameras", title="Records", body="Please send…", language="en"
    )
