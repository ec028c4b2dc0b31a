import io

import pytest

from incidents import demo
from incidents.models import ClassifierModel, Incident, Post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]


def test_demo_posts_load_once_for_the_labelling_queue(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / demo.FILE).write_text(
        'id,text,force_rank\n1,"Police fired tear gas at the march",4\n2,"Officers watched",1\n3,"",0\n'
    )
    settings.DATA_DIR = tmp_path
    out = io.StringIO()
    demo.load(stdout=out)
    demo.load(stdout=out)
    assert sorted(Post.objects.values_list("external_id", flat=True)) == ["hrf-labs36:1", "hrf-labs36:2"]
    assert "created 0 · skipped 2" in out.getvalue()
    assert not Post.objects.filter(labels__isnull=False).exists(), "demo posts arrive unlabelled"
    assert ClassifierModel.objects.get(is_active=True).version in out.getvalue()
    assert not Post.objects.filter(classified_at__isnull=True).exists(), "the classifier ranked them"
    assert Incident.objects.filter(post__text="Police fired tear gas at the march").exists()


def test_a_fresh_clone_fills_the_queue_with_shipped_2020pb_descriptions(settings, tmp_path):
    """No HRF file (it is not in the repository): 2020PB's MIT-licensed descriptions, which
    ship in data/, fill the labelling queue, unlabelled, and never become second incidents."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path
    shipped = settings.BASE_DIR / "data" / demo.PB2020_FILE
    (tmp_path / demo.PB2020_FILE).write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()

    demo.load(stdout=out)
    demo.load(stdout=out)

    posts = Post.objects.filter(external_id__startswith="pb2020-queue:")
    assert posts.count() == demo.SAMPLE
    assert "created 0 · skipped 120 2020PB demo posts" in out.getvalue()
    assert "MIT licence" in out.getvalue()
    post = posts.first()
    assert post.text and post.title and post.raw["source"].startswith("2020PB (2020)")
    assert not posts.filter(labels__isnull=False).exists()
    assert not posts.filter(classified_at__isnull=True).exists(), "the classifier ranked them"
    assert not Incident.objects.filter(post__in=posts).exists()


def test_demo_without_the_file_says_so(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    out = io.StringIO()
    demo.load(stdout=out)
    assert "not found" in out.getvalue()
    assert not Post.objects.exists()
