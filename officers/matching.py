"""Who an incoming officer is: the one rule the CSV importer and misconduct reports share.

An incoming officer (a roster row, an officer named by a report) is the same person as one on
file when, in the same department:
1. the department's internal id matches; else
2. the id its source gives is that officer's id, the last names agree and the internal ids do
   not conflict (OpenOversight's `id` column); else
3. first name, last name (case- and accent-free) and one badge number match, or the names alone
   when the caller says names suffice (the importer's --update-by-name).
An officer who carries another internal id is someone else, and so is one already matched to
another incoming officer. When several remain, the one without an internal id, then the one
whose birth year and employment date agree, is preferred; if that still leaves several, the
match is ambiguous and the caller decides (the importer refuses the row, a report names a new
draft officer, because attaching a report to the wrong person is worse than a duplicate a
curator can merge).
"""

import functools
from collections import defaultdict
from collections.abc import Collection, Iterable

from django.db.models import Q

from officers.models import Assignment, Officer
from officers.search.keys import search_key

# What the rule reads of an officer on file.
FIELDS = ["department_id", "internal_id", "first_name", "last_name", "birth_year", "employment_date"]


def internal_id_key(text: str) -> str:
    return (text or "").strip().casefold()


class AmbiguousOfficer(Exception):
    """Several officers on file fit equally well."""

    def __init__(self, candidates: list[int]):
        super().__init__(candidates)
        self.candidates = candidates


class Roster:
    """Officers on file, indexed the ways an incoming officer can name one."""

    def __init__(self):
        self.officers: dict[int, dict] = {}
        self.by_internal_id: dict[tuple[int, str], int] = {}
        # Several officers may share a name and a badge (badges are reissued): all are kept.
        self.by_name_badge: dict[tuple, list[int]] = defaultdict(list)
        self.by_name: dict[tuple, list[int]] = defaultdict(list)
        # Names and badges repeat across a roster: each distinct one is normalised once.
        self.key = functools.cache(search_key)

    @classmethod
    def around(cls, department_id: int, *, internal_id: str, first_name: str, last_name: str) -> "Roster":
        """The few officers of a department that could be the one named: same internal id or
        same names (one query for them, one for their badges)."""
        roster = cls()
        names = Q(search_first_name=search_key(first_name), search_last_name=search_key(last_name))
        if internal_id:
            names |= Q(internal_id__iexact=internal_id.strip())
        rows = Officer.objects.filter(names, department_id=department_id).values_list("pk", *FIELDS)
        for pk, *values in rows:
            roster.add_officer(pk, dict(zip(FIELDS, values, strict=True)))
        badges = Assignment.objects.filter(officer_id__in=roster.officers).exclude(badge_number="")
        for officer_id, badge in badges.values_list("officer_id", "badge_number"):
            roster.add_badge(officer_id, badge)
        return roster

    def add_officer(self, pk: int, values: dict) -> None:
        self.officers[pk] = values
        department_id = values["department_id"]
        if values["internal_id"]:
            self.by_internal_id[(department_id, internal_id_key(values["internal_id"]))] = pk
        names = (department_id, self.key(values["first_name"]), self.key(values["last_name"]))
        self.by_name[names].append(pk)

    def add_badge(self, officer_id: int, badge: str) -> None:
        officer = self.officers[officer_id]
        key = (
            officer["department_id"],
            self.key(officer["first_name"]),
            self.key(officer["last_name"]),
            self.key(badge),
        )
        if officer_id not in self.by_name_badge[key]:
            self.by_name_badge[key].append(officer_id)

    def find(
        self,
        department_id: int,
        *,
        first_name: str,
        last_name: str,
        internal_id: str = "",
        badges: Iterable[str] = (),
        source_pk: int | None = None,
        birth_year=None,
        employment_date=None,
        by_name: bool = False,
        taken: Collection[int] = (),
    ) -> int | None:
        """The officer on file this one is, or None for someone new; AmbiguousOfficer when
        several fit. `taken` holds officers already matched to someone else."""
        internal_id = internal_id_key(internal_id)
        if internal_id and (department_id, internal_id) in self.by_internal_id:
            return self.by_internal_id[(department_id, internal_id)]
        last = self.key(last_name)
        if source_pk is not None:
            officer = self.officers.get(source_pk)
            # An id from another database may name someone else here: the last name must agree.
            if (
                officer is not None
                and officer["department_id"] == department_id
                and self.key(officer["last_name"]) == last
                and (not internal_id or not officer["internal_id"])
            ):
                return source_pk
        first = self.key(first_name)
        candidates: list[int] = []
        for badge in sorted({self.key(badge) for badge in badges if badge}):
            for pk in self.by_name_badge.get((department_id, first, last, badge), ()):
                if pk not in candidates:
                    candidates.append(pk)
        if not candidates and by_name:
            candidates = list(self.by_name.get((department_id, first, last), ()))
        candidates = [
            pk
            for pk in candidates
            if pk not in taken and (not internal_id or not self.officers[pk]["internal_id"])
        ]
        if len(candidates) > 1 and not internal_id:
            plain = [pk for pk in candidates if not self.officers[pk]["internal_id"]]
            candidates = plain or candidates
        for name, value in (("birth_year", birth_year), ("employment_date", employment_date)):
            if len(candidates) > 1 and value:
                agreeing = [pk for pk in candidates if self.officers[pk][name] == value]
                candidates = agreeing or candidates
        if len(candidates) > 1:
            raise AmbiguousOfficer(candidates)
        return candidates[0] if candidates else None
