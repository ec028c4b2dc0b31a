"""Each officers model's one rule for what the public sees (see core.models.PublicQuerySet)."""

from django.db import models

from core.models import CuratedQuerySet, PublicQuerySet, public_q


class DepartmentChildQuerySet(PublicQuerySet):
    """Units and ranks: public with their department."""

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return public_q("officers.Department", f"{prefix}department__")


class OfficerQuerySet(CuratedQuerySet):
    """Officers: public when published and in a public department (a merged officer is
    retracted by the merge)."""

    @classmethod
    def own_public_q(cls, prefix: str = "") -> models.Q:
        return super().public_q(prefix)

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return cls.own_public_q(prefix) & public_q("officers.Department", f"{prefix}department__")


class OfficerChildQuerySet(PublicQuerySet):
    """An officer's assignments, salaries, links and descriptions: public with the officer."""

    @classmethod
    def own_public_q(cls, prefix: str = "") -> models.Q:
        return models.Q()

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return cls.own_public_q(prefix) & public_q("officers.Officer", f"{prefix}officer__")


class NoteQuerySet(PublicQuerySet):
    """Staff notes are never public."""

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return models.Q(**{f"{prefix}pk__in": []})
