from django.db import migrations, models


def backfill(apps, schema_editor):
    """Posts already classified get their priority from the probabilities they store."""
    from incidents.classifier.signals import labelling_priority

    Post = apps.get_model("incidents", "Post")
    changed = []
    for post in Post.objects.exclude(rank_probabilities=[]).only("id", "rank_probabilities"):
        post.labelling_priority = labelling_priority(list(post.rank_probabilities or []))
        changed.append(post)
    Post.objects.bulk_update(changed, ["labelling_priority"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0005_public_submission_source_kind")]

    operations = [
        migrations.AddField(
            model_name="post",
            name="labelling_priority",
            field=models.FloatField(
                blank=True,
                help_text=(
                    "How unsure the model is between ranks 0 and 1, or among ranks 1 to 3 (0 to "
                    "1); the labelling queue offers the most unsure posts first."
                ),
                null=True,
                verbose_name="labelling priority",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
