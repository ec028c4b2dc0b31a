"""Texts the HRF file labels with different ranks go to adjudication; settled ranks train."""

import csv

import pytest
from django.core.management import call_command

from incidents.classifier import data
from incidents.models import Incident, Post
from incidents.selectors.labels import disagreements, training_labels
from incidents.services import adjudication_record, incident_candidates_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEAR_GAS = "Cops tear gassed the crowd on 5th street"
# As in hrf_labs36_train.csv: the same text labelled 3 by one person, 4 by another, 4 again.
ROWS = [
    (TEAR_GAS, 3),
    ("Police watched the march go by", 1),
    (TEAR_GAS, 4),
    ("Police watched the march go by", 1),
    ("Nice weather at the beach", 0),
    (TEAR_GAS, 4),
]


@pytest.fixture
def data_dir(tmp_path):
    held = set(data.load_split()["hrf"]["test"]) | set(data.load_split()["hrf"]["validation"])
    train_ids = [str(n) for n in range(1, 100_000) if str(n) not in held][: len(ROWS)]
    with (tmp_path / data.HRF_FILE).open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "force_rank"])
        for identifier, (text, rank) in zip(train_ids, ROWS, strict=True):
            writer.writerow([identifier, text, rank])
    return tmp_path


def test_each_conflicting_text_reaches_the_adjudication_queue_with_its_labels(data_dir, capsys):
    call_command("seed_label_conflicts", "--data-dir", str(data_dir))

    assert "created 1" in capsys.readouterr().out
    post = disagreements().get()
    assert post.text == TEAR_GAS
    assert sorted(label.force_rank for label in post.labels.all()) == [3, 4, 4]
    assert not any(label.labeller.has_usable_password() for label in post.labels.all())
    assert not any(label.labeller.is_active for label in post.labels.all())


def test_seeding_twice_adds_nothing_and_a_dry_run_writes_nothing(data_dir, capsys):
    call_command("seed_label_conflicts", "--data-dir", str(data_dir), "--dry-run")
    assert "dry run: conflicting texts: created 1" in capsys.readouterr().out
    assert not Post.objects.exists()

    call_command("seed_label_conflicts", "--data-dir", str(data_dir))
    call_command("seed_label_conflicts", "--data-dir", str(data_dir))

    assert "created 0" in capsys.readouterr().out.splitlines()[-1]
    assert Post.objects.count() == 1


def test_a_missing_file_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="hrf_labs36_train.csv"):
        call_command("seed_label_conflicts", "--data-dir", str(tmp_path))


def test_the_settled_rank_replaces_the_files_labels_in_training(data_dir):
    call_command("seed_label_conflicts", "--data-dir", str(data_dir))
    post = disagreements().get()
    reviewer = UserFactory(roles=["reviewer"])

    adjudication_record(post=post, reviewer=reviewer, force_rank=4)

    dataset = data.training_dataset(
        extra_examples=training_labels(), data_dir=data_dir, include_silver=False
    )
    assert [e.rank for e in dataset.train if e.text == TEAR_GAS] == [4, 4, 4]
    assert not [e for e in dataset.train if e.source == "queue"]
    assert not disagreements().exists()


def test_a_settled_training_text_never_becomes_a_public_incident(data_dir):
    call_command("seed_label_conflicts", "--data-dir", str(data_dir))
    post = disagreements().get()

    adjudication_record(post=post, reviewer=UserFactory(roles=["reviewer"]), force_rank=4)
    incident_candidates_create()

    assert not Incident.objects.exists()


def test_imported_labels_stay_out_of_the_labellers_leaderboard_and_agreement(data_dir):
    from incidents.selectors import agreement_summary, labeller_stats

    call_command("seed_label_conflicts", "--data-dir", str(data_dir))

    assert labeller_stats() == []
    assert agreement_summary()["posts"] == 0


def test_the_candidate_sweep_dry_run_does_not_count_training_only_posts(data_dir):
    call_command("seed_label_conflicts", "--data-dir", str(data_dir))
    adjudication_record(
        post=disagreements().get(), reviewer=UserFactory(roles=["reviewer"]), force_rank=4
    )

    assert incident_candidates_create(dry_run=True)["created"] == 0
