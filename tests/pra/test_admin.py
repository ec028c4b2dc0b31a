import pytest

from pra.choices import FactSource
from pra.models import Law, RequestTemplate


@pytest.fixture
def admin_client(client, seeded, user_with_role):
    user = user_with_role("admin", is_staff=True, is_superuser=True)
    client.force_login(user)
    client.user = user
    return client


def _form_data(obj, **changes):
    from django.forms.models import model_to_dict

    data = {k: ("" if v is None else v) for k, v in model_to_dict(obj).items()}
    data.pop("id", None)
    if isinstance(obj, Law):
        # The exemptions inline (read-only rows) posts its management form and row ids.
        rows = list(obj.exemptions.order_by("position"))
        data.update({
            "exemptions-TOTAL_FORMS": len(rows), "exemptions-INITIAL_FORMS": len(rows),
            "exemptions-MIN_NUM_FORMS": 0, "exemptions-MAX_NUM_FORMS": 1000,
        })
        for index, row in enumerate(rows):
            data[f"exemptions-{index}-id"] = row.pk
            data[f"exemptions-{index}-law"] = obj.pk
    data.update(changes)
    return data


def test_staff_see_the_three_sources_side_by_side(admin_client):
    law = Law.objects.get(jurisdiction="USA-CO")
    body = admin_client.get(f"/admin/pra/law/{law.pk}/change/").content.decode()
    assert "FOIA Machine (2014)" in body and "HOLE Foundation" in body
    assert "Custodian must provide records" in body


def test_switching_a_facts_source_in_the_admin_refills_it_and_is_audited(admin_client):
    law = Law.objects.get(jurisdiction="USA-CO")
    data = _form_data(law, deadline_source=FactSource.FOIAMACHINE)
    data["guide_links"] = '[]'
    response = admin_client.post(f"/admin/pra/law/{law.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    law.refresh_from_db()
    assert (law.deadline_kind, law.deadline_days) == ("business_days", 3)
    assert law.history.first().history_user == admin_client.user


def test_the_admin_lists_laws_not_verified_in_the_last_year(admin_client):
    import datetime

    Law.objects.filter(jurisdiction="USA-TN").update(
        deadline_verified_on=datetime.date.today() - datetime.timedelta(days=400)
    )
    body = admin_client.get("/admin/pra/law/", {"verified": "stale"}).content.decode()
    # Tennessee's check is over a year old; Vermont was verified recently; Ohio never.
    assert ">Tennessee<" in body and ">Ohio<" in body and ">Vermont<" not in body
    current = admin_client.get("/admin/pra/law/", {"verified": "current"}).content.decode()
    assert ">Vermont<" in current and ">Maryland<" in current and ">Tennessee<" not in current


def test_staff_see_the_exemptions_from_the_hole_release(admin_client):
    law = Law.objects.get(jurisdiction="USA-CA")
    body = admin_client.get(f"/admin/pra/law/{law.pk}/change/").content.decode()
    assert "Cal. Gov&#x27;t Code § 7927.700" in body or "Cal. Gov't Code § 7927.700" in body


def test_the_template_admin_previews_the_letter(admin_client):
    template = RequestTemplate.objects.get(jurisdiction="USA-00", subject="drones")
    body = admin_client.get(f"/admin/pra/requesttemplate/{template.pk}/change/").content.decode()
    assert "Springfield Police Department" in body
    assert "{{ agency }}" in body  # the placeholder list


def test_a_mistyped_placeholder_is_refused_with_its_name(admin_client):
    template = RequestTemplate.objects.get(jurisdiction="USA-00", subject="drones")
    data = _form_data(template, body=template.body + "\n{{ agncy }}")
    response = admin_client.post(f"/admin/pra/requesttemplate/{template.pk}/change/", data)
    assert response.status_code == 200
    assert "Unknown placeholders: {{ agncy }}." in response.content.decode()


def test_a_template_edit_lands_in_its_history(admin_client):
    template = RequestTemplate.objects.get(jurisdiction="USA-00", subject="drones")
    data = _form_data(template, notes="Ask for the FAA waiver too.")
    response = admin_client.post(f"/admin/pra/requesttemplate/{template.pk}/change/", data)
    assert response.status_code == 302
    assert template.history.first().notes == "Ask for the FAA waiver too."
    assert template.history.first().history_user == admin_client.user
