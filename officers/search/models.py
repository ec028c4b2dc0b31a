"""The find-an-officer index tables, registered with the officers app through officers/models.py."""

from django.db import models


class OfficerSearch(models.Model):
    """What find-an-officer matches and sorts on: one narrow row per officer.

    Written only by database triggers on the officer and department tables (migration 0007),
    from the officer's accent-free `search_*` columns, so every write path (save, the
    importer's COPY, bulk and queryset updates, merges) keeps it true. A broad name fragment
    reads one of these ~75-byte rows per match instead of a whole officer. On PostgreSQL one
    trigram index covers the four text fields joined (`search.selectors.SEARCH_TEXT`).
    """

    officer = models.OneToOneField(
        "officers.Officer",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    department = models.ForeignKey(
        "officers.Department", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    # A published officer of a published department.
    is_public = models.BooleanField()
    first_name = models.CharField(max_length=120)
    last_name = models.CharField(max_length=120)
    badges = models.CharField(max_length=1000)
    # Lower-cased by the database, accents kept (ids are codes, not names).
    internal_id = models.CharField(max_length=100)

    class Meta:
        default_permissions = ()


class OfficerSearchName(models.Model):
    """Every accent-free first and last name officers have, kept by the same triggers on
    PostgreSQL only (where the typo fallback runs): a name typed with a typo is first matched
    to the closest few of these, then officers with those exact names are found. Names no
    officer has any more stay; they just find nobody."""

    name = models.CharField(max_length=120, primary_key=True)

    class Meta:
        default_permissions = ()
