import io

import pytest

from incidents import demo
from incidents.models import Post

pytestmark = pytest.mark.django_db


def test_demo_posts_load_once_for_the_labelling_queue(settings, tmp_path):
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


def test_demo_without_the_file_says_so(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    out = io.StringIO()
    demo.load(stdout=out)
    assert "not found" in out.getvalue()
    assert not Post.objects.exists()
