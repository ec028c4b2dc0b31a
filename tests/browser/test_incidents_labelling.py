import pytest

from incidents.models import Adjudication, Incident, Label
from tests.conftest import login
from tests.factories import PostFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _worker(*roles, username):
    return UserFactory(username=username, roles=list(roles), is_staff=True)


def test_a_labeller_labels_five_posts_with_the_keyboard(page, phone_page, live_server, screenshot):
    posts = [
        PostFactory(text=f"Post number {i}: officers and protesters at the bridge.", confidence=0.1 * (i + 1),
                    url=f"https://example.org/post/{i}")
        for i in range(6)
    ]
    labeller = _worker("labeller", username="lena")
    login(page, live_server, labeller)
    page.goto(f"{live_server.url}/en/incidents/label/")
    assert page.get_by_role("heading", name="The six force ranks").is_visible()
    assert page.get_by_text("Model suggestion").count() == 0
    screenshot(page, "incidents-label-en-desktop")

    keys = ["3", "0", "u", "5", "2"]
    seen = []
    for key in keys:
        text = page.locator(".post-text").inner_text()
        seen.append(text)
        with page.expect_navigation():
            page.keyboard.press(key)
    assert len(set(seen)) == 5, "each key press moves on to a new post"
    by_text = {post.text: post.pk for post in posts}
    labels = {label.post_id: label.value for label in Label.objects.filter(labeller=labeller)}
    assert labels == {by_text[text]: value for text, value in zip(seen, ["3", "0", "unclear", "5", "2"], strict=True)}
    assert "5 labels today" in page.locator(".label-progress").inner_text()

    login(phone_page, live_server, labeller)
    phone_page.goto(f"{live_server.url}/es/incidents/label/")
    assert phone_page.get_by_role("heading", name="Los seis niveles de fuerza").count() == 1
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "incidents-label-es-phone")


def test_two_labellers_disagree_and_a_reviewer_settles_it(browser, page, live_server, screenshot):
    post = PostFactory(text="Video shows police pepper-spraying a seated crowd; one man pushed down.",
                       predicted_rank=4, confidence=0.58)
    ana, ben = _worker("labeller", username="ana"), _worker("labeller", username="ben")
    reviewer = _worker("reviewer", username="rita")

    login(page, live_server, ana)
    page.goto(f"{live_server.url}/en/incidents/label/")
    with page.expect_navigation():
        page.keyboard.press("2")

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    other = context.new_page()
    login(other, live_server, ben)
    other.goto(f"{live_server.url}/en/incidents/label/")
    assert post.text in other.locator(".post-text").inner_text()
    with other.expect_navigation():
        other.get_by_role("button", name="4 Chemical and electric").click()
    context.close()
    assert sorted(Label.objects.values_list("force_rank", flat=True)) == [2, 4]

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    login(page, live_server, reviewer)
    page.goto(f"{live_server.url}/en/incidents/review/labels/")
    page.get_by_role("link", name="Decide").click()
    assert page.get_by_text("confidence 0.58").is_visible(), "reviewers see the model's suggestion"
    screenshot(page, "incidents-adjudicate-en-desktop")
    with page.expect_navigation():
        page.keyboard.press("4")
    assert Adjudication.objects.get(post=post).force_rank == 4
    assert "No disagreement waits" in page.content()
    incident = Incident.objects.get(post=post)
    assert (incident.review_status, incident.force_rank) == ("candidate", 4)
    context.close()
