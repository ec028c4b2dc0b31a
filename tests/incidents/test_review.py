import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from incidents.models import Incident, IncidentDecision, RejectionReason, ReviewStatus
from incidents.selectors import disagreements, training_label_rows, training_labels
from incidents.services import (
    adjudication_record,
    incident_candidates_create,
    incident_decide,
    incident_update,
    incidents_decide,
    label_submit,
)
from tests.factories import IncidentFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db


def _label(post, *ranks):
    for rank in ranks:
        label_submit(labeller=UserFactory(), post=post, force_rank=rank)


def test_disagreeing_labels_wait_for_a_reviewer_and_the_adjudication_settles_them():
    post = PostFactory()
    _label(post, 2, 4)
    assert list(disagreements()) == [post]
    reviewer = UserFactory()
    adjudication_record(post=post, reviewer=reviewer, force_rank=4, note="tear gas in the video")
    assert list(disagreements()) == []
    assert training_labels() == [(post.text, 4)]
    assert post.adjudication.history.first().history_user == reviewer


def test_agreeing_labels_are_final_without_a_reviewer():
    post = PostFactory()
    _label(post, 1, 1)
    assert list(disagreements()) == []
    assert [row["basis"] for row in training_label_rows()] == ["agreed"]


def test_unclear_posts_never_reach_training():
    post = PostFactory()
    label_submit(labeller=UserFactory(), post=post, unclear=True)
    label_submit(labeller=UserFactory(), post=post, unclear=True)
    assert training_labels() == []


def test_a_post_people_rank_two_or_more_becomes_a_candidate_incident():
    post = PostFactory(
        city="Portland",
        state="USA-OR",
        url="https://example.org/p/1",
        text="Officers swung batons at marchers on Burnside tonight. Several were hurt.",
    )
    _label(post, 3, 3)
    incident = Incident.objects.get(post=post)
    assert incident.review_status == ReviewStatus.CANDIDATE
    assert incident.force_rank == 3
    assert incident.title == "Officers swung batons at marchers on Burnside tonight."
    assert incident.summary == "", "the post's text must never be copied into the public summary"


def test_a_post_people_rank_below_two_is_not_a_candidate_even_if_the_model_says_so():
    post = PostFactory(predicted_rank=5, confidence=0.5)
    _label(post, 1, 1)
    assert incident_candidates_create() == {"created": 0, "skipped": 1}


def test_model_predictions_of_two_or_more_become_candidates_in_a_sweep():
    PostFactory(predicted_rank=4, confidence=0.8)
    PostFactory(predicted_rank=1, confidence=0.9)
    assert incident_candidates_create(dry_run=True) == {"created": 1, "skipped": 0}
    assert not Incident.objects.exists()
    assert incident_candidates_create() == {"created": 1, "skipped": 0}
    assert incident_candidates_create() == {"created": 0, "skipped": 0}


def test_approving_publishes_and_is_audited_with_the_reviewer():
    reviewer = UserFactory()
    incident = IncidentFactory(review_status=ReviewStatus.CANDIDATE)
    incident_decide(incident=incident, decision=ReviewStatus.APPROVED, actor=reviewer, note="ok")
    incident.refresh_from_db()
    assert incident.review_status == ReviewStatus.APPROVED
    assert incident.reviewed_by == reviewer
    decision = IncidentDecision.objects.get(incident=incident)
    assert (decision.decision, decision.actor, decision.note) == ("approved", reviewer, "ok")
    assert incident.history.first().history_user == reviewer


def test_a_rejection_needs_a_reason():
    incident = IncidentFactory(review_status=ReviewStatus.CANDIDATE)
    with pytest.raises(ValidationError):
        incident_decide(incident=incident, decision=ReviewStatus.REJECTED, actor=UserFactory())
    incident.refresh_from_db()
    assert incident.review_status == ReviewStatus.CANDIDATE
    assert not IncidentDecision.objects.exists()


def test_a_summary_that_copies_the_post_cannot_be_published():
    post = PostFactory(text="Officers fired pepper balls into the crowd at Fifth and Main this evening.")
    incident = IncidentFactory(post=post, review_status=ReviewStatus.CANDIDATE, summary=f"Witness: {post.text}")
    with pytest.raises(ValidationError, match="word for word"):
        incident_decide(incident=incident, decision=ReviewStatus.APPROVED, actor=UserFactory())


def test_rejections_become_training_negatives():
    reviewer = UserFactory()
    no_force = IncidentFactory(post=PostFactory(predicted_rank=3), review_status=ReviewStatus.CANDIDATE)
    not_police = IncidentFactory(post=PostFactory(predicted_rank=2), review_status=ReviewStatus.CANDIDATE)
    duplicate = IncidentFactory(post=PostFactory(predicted_rank=4), review_status=ReviewStatus.CANDIDATE)
    for incident, reason in (
        (no_force, RejectionReason.NO_FORCE),
        (not_police, RejectionReason.NO_POLICE),
        (duplicate, RejectionReason.DUPLICATE),
    ):
        incident_decide(incident=incident, decision=ReviewStatus.REJECTED, actor=reviewer, reason=reason)
    assert sorted(training_labels(), key=lambda r: r[1]) == [
        (not_police.post.text, 0),
        (no_force.post.text, 1),
    ]


def test_an_approved_incident_trains_with_the_rank_the_reviewer_set():
    post = PostFactory(predicted_rank=2)
    _label(post, 2, 2)
    incident = Incident.objects.get(post=post)
    incident_update(incident=incident, actor=UserFactory(), fields={"force_rank": 3})
    incident_decide(incident=incident, decision=ReviewStatus.APPROVED, actor=UserFactory())
    assert training_labels() == [(post.text, 3)]


def test_batch_decisions_report_the_incidents_that_could_not_be_approved():
    post = PostFactory(text="A long enough text that a reviewer pasted into the summary by mistake.")
    good = IncidentFactory.create_batch(2, review_status=ReviewStatus.CANDIDATE)
    bad = IncidentFactory(post=post, summary=post.text, review_status=ReviewStatus.CANDIDATE)
    done, errors = incidents_decide(
        incidents=Incident.objects.all(), decision=ReviewStatus.APPROVED, actor=UserFactory()
    )
    assert done == 2 and list(errors) == [bad.pk]
    assert set(Incident.objects.public()) == set(good)


def test_editing_the_location_marks_it_as_set_by_a_reviewer():
    incident = IncidentFactory(location_method="dataset")
    editor = UserFactory()
    incident_update(incident=incident, actor=editor, fields={"city": "Salem", "latitude": 44.94, "longitude": -123.03})
    incident.refresh_from_db()
    assert incident.location_method == "manual"
    assert incident.history.first().history_user == editor


# --- Pages -------------------------------------------------------------------------------------


def test_labellers_cannot_open_the_review_pages(client, user_with_role):
    client.force_login(user_with_role("labeller"))
    for name in ("incidents:review", "incidents:adjudication_list", "incidents:agreement", "incidents:labels_export"):
        assert client.get(reverse(name)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("incidents:label"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_reviewer_approves_a_batch_from_the_list(client, user_with_role):
    reviewer = user_with_role("reviewer")
    candidates = IncidentFactory.create_batch(3, review_status=ReviewStatus.CANDIDATE)
    client.force_login(reviewer)
    page = client.get(reverse("incidents:review"))
    assert all(c.title in page.text for c in candidates)
    response = client.post(
        reverse("incidents:review_batch"),
        {"ids": [candidates[0].pk, candidates[1].pk], "decision": "approved", "reason": "", "note": ""},
        follow=True,
    )
    assert "2 incidents updated." in response.text
    assert Incident.objects.public().count() == 2
    assert IncidentDecision.objects.filter(actor=reviewer).count() == 2


def test_a_batch_rejection_without_a_reason_changes_nothing(client, user_with_role):
    incident = IncidentFactory(review_status=ReviewStatus.CANDIDATE)
    client.force_login(user_with_role("reviewer"))
    response = client.post(
        reverse("incidents:review_batch"), {"ids": [incident.pk], "decision": "rejected"}, follow=True
    )
    assert "Say why" in response.text
    incident.refresh_from_db()
    assert incident.review_status == ReviewStatus.CANDIDATE


def test_a_reviewer_edits_and_rejects_on_the_incident_page(client, user_with_role):
    reviewer = user_with_role("reviewer")
    incident = IncidentFactory(review_status=ReviewStatus.CANDIDATE, post=PostFactory(predicted_rank=3, confidence=0.55, rank_probabilities=[0, 0.1, 0.2, 0.55, 0.1, 0.05], scored_by="word_model"))
    client.force_login(reviewer)
    url = reverse("incidents:review_detail", args=[incident.pk])
    page = client.get(url)
    assert incident.post.text in page.text, "reviewers see the post"
    assert "confidence 0.55" in page.text, "reviewers see the model's suggestion"
    assert "Word model alone (clear margin)" in page.text, "and which part of the model scored it"
    response = client.post(url, {"action": "save", "title": "Protester tackled", "summary": "", "date": "2020-06-01", "force_rank": 2, "city": "Portland", "state": "USA-OR", "latitude": "", "longitude": "", "tags": "tackle, arrest"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert (incident.title, incident.force_rank, incident.tags) == ("Protester tackled", 2, ["tackle", "arrest"])
    client.post(url, {"action": "decide", "decision": "rejected", "reason": "duplicate", "note": "same as #3"})
    incident.refresh_from_db()
    assert incident.review_status == ReviewStatus.REJECTED
    assert "same as #3" in client.get(url).text


def test_half_a_coordinate_is_refused_with_a_clear_message(client, user_with_role):
    incident = IncidentFactory()
    client.force_login(user_with_role("reviewer"))
    response = client.post(reverse("incidents:review_detail", args=[incident.pk]), {"action": "save", "title": "x", "force_rank": 3, "latitude": "45.1", "longitude": ""})
    assert response.status_code == 200
    assert "Give both latitude and longitude" in response.text


def test_the_labels_export_is_safe_to_open_in_a_spreadsheet(client, user_with_role):
    post = PostFactory(text="=HYPERLINK(\"http://evil\") police fired tear gas")
    _label(post, 4, 4)
    plain = PostFactory(text="Officers watched the march")
    _label(plain, 1, 1)
    client.force_login(user_with_role("reviewer"))
    response = client.get(reverse("incidents:labels_export"))
    body = b"".join(response.streaming_content).decode()
    lines = body.splitlines()
    assert lines[0] == "text,force_rank,post_id,source_kind,external_id,basis,labels"
    assert "'=HYPERLINK" in body
    assert f"Officers watched the march,1,{plain.pk},twitter" in body
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_agreement_page_shows_kappa_and_the_leaderboard(client, user_with_role):
    ana = UserFactory(username="ana")
    ben = UserFactory(username="ben")
    for a, b in ((1, 1), (3, 3), (2, 4)):
        post = PostFactory()
        label_submit(labeller=ana, post=post, force_rank=a)
        label_submit(labeller=ben, post=post, force_rank=b)
    client.force_login(user_with_role("reviewer"))
    page = client.get(reverse("incidents:agreement")).text
    assert 'id="kappa"' in page and "ana" in page and "ben" in page
    assert "67%" in page


def test_a_model_candidate_the_labellers_rank_below_two_is_rejected_as_a_negative():
    post = PostFactory(predicted_rank=4, confidence=0.7)
    incident_candidates_create()
    _label(post, 1, 1)
    incident = Incident.objects.get(post=post)
    assert incident.review_status == ReviewStatus.REJECTED
    assert incident.decisions.get().reason == RejectionReason.NO_FORCE
    assert training_labels() == [(post.text, 1)]


def test_candidates_are_titled_from_their_own_post_so_reviewers_can_tell_them_apart():
    texts = [
        "@jdoe RT: Police pepper sprayed a crowd at 5th and Main!! https://t.co/abc123 More soon.",
        "Tear gas fired at protesters outside the courthouse in Louisville. Video below.",
    ]
    posts = [PostFactory(text=text) for text in texts]
    for post in posts:
        _label(post, 4, 4)
    titles = [Incident.objects.get(post=post).title for post in posts]
    assert titles == [
        "Police pepper sprayed a crowd at 5th and Main!!",
        "Tear gas fired at protesters outside the courthouse in Louisville.",
    ]


def test_a_news_headline_titles_its_candidate_and_a_long_sentence_is_cut_at_a_word():
    news = PostFactory(source_kind="news", title="Officer tases man during traffic stop", text="A long body.")
    rambling = PostFactory(text="police " * 40 + "end")
    _label(news, 4, 4)
    _label(rambling, 4, 4)
    assert Incident.objects.get(post=news).title == "Officer tases man during traffic stop"
    title = Incident.objects.get(post=rambling).title
    assert len(title) <= 120
    assert title.endswith("police…")


def test_a_post_with_no_words_of_its_own_gets_the_rank_and_place_title():
    post = PostFactory(text="https://t.co/xyz @someone", city="Portland", state="USA-OR")
    _label(post, 3, 3)
    assert Incident.objects.get(post=post).title == "Blunt force reported in Portland, Oregon"


@pytest.mark.parametrize(
    "target", ["//evil.example.com/x", "https://evil.example.com/x", "/\\evil.example.com/x", "///evil.example.com"]
)
def test_a_batch_never_redirects_off_the_site(client, user_with_role, target):
    incident = IncidentFactory(review_status=ReviewStatus.CANDIDATE)
    client.force_login(user_with_role("reviewer"))

    response = client.post(
        reverse("incidents:review_batch"),
        {"ids": [incident.pk], "decision": "approved", "reason": "", "note": "", "next": target},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("incidents:review")


def test_a_batch_returns_to_the_filtered_list_it_came_from(client, user_with_role):
    incident = IncidentFactory(review_status=ReviewStatus.CANDIDATE)
    client.force_login(user_with_role("reviewer"))
    back = reverse("incidents:review") + "?source=twitter&page=2"

    response = client.post(
        reverse("incidents:review_batch"),
        {"ids": [incident.pk], "decision": "approved", "reason": "", "note": "", "next": back},
    )

    assert response["Location"] == back
