"""Reads for the officers app: departments, find-an-officer, galleries and officer pages.

Public reads return published records of published departments only; faces appear only when
their image has been approved by a reviewer.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import CharField, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Concat

from core.models import PublicationStatus
from officers.models import (
    Assignment,
    Department,
    Face,
    ImageReviewState,
    Officer,
    Rank,
    Unit,
    search_key,
)

PAGE_SIZE = 20
# Counting every match of a one-letter fragment over a million officers costs more than the
# page itself; past this many, the page says "more than N" and keeps paging.
COUNT_CAP = 1_000
# word_similarity threshold for typo-tolerant name matches (pg_trgm's default is 0.6, which
# misses one wrong letter in a five-letter name).
TRIGRAM_THRESHOLD = 0.5


def department_public_list() -> QuerySet[Department]:
    published = Q(officers__publication_status=PublicationStatus.PUBLISHED)
    return Department.objects.published().annotate(
        officer_count=Count("officers", filter=published)
    )


def department_public_queryset() -> QuerySet[Department]:
    return Department.objects.published()


def officer_public_queryset() -> QuerySet[Officer]:
    return Officer.objects.published().filter(
        department__publication_status=PublicationStatus.PUBLISHED
    )


def approved_faces() -> QuerySet[Face]:
    return Face.objects.filter(image__review_state=ImageReviewState.APPROVED).exclude(crop="")


@dataclass(frozen=True)
class OfficerCriteria:
    """What a person asked find-an-officer for. Empty fields do not filter."""

    q: str = ""
    department_id: int | None = None
    first_name: str = ""
    last_name: str = ""
    badge: str = ""
    internal_id: str = ""
    rank: str = ""
    unit: str = ""
    currently_employed: bool | None = None
    races: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    min_age: int | None = None
    max_age: int | None = None
    require_photo: bool = False
    today: datetime.date = field(default_factory=datetime.date.today)


def _name_match(term: str, *fields: str, typos: bool) -> Q:
    """Fragment match of an accent-free term, or (typos) also a trigram near-miss."""
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__contains": term})
        if typos and len(term) >= 4:
            from django.contrib.postgres.lookups import TrigramWordSimilar

            condition |= Q(TrigramWordSimilar(F(name), term))
    return condition


def officers_matching_text(
    officers: QuerySet[Officer], text: str, *, typos: bool = False
) -> QuerySet[Officer]:
    """Narrow `officers` to those matching every word of `text`: a fragment of a name (any case,
    any accents), of a badge held at any time, or of the internal id."""
    for raw in text.split():
        term = search_key(raw)
        if not term:
            continue
        officers = officers.filter(
            _name_match(term, "search_first_name", "search_last_name", typos=typos)
            | Q(search_badges__contains=term)
            | Q(internal_id__icontains=raw)
        )
    return officers


def officer_search(*, criteria: OfficerCriteria, typos: bool = False) -> QuerySet[Officer]:
    """Published officers matching `criteria`, ordered by name.

    `typos` (PostgreSQL only) lets names match with a letter wrong or missing too.
    """
    typos = typos and settings.IS_POSTGRES
    officers = officer_public_queryset()
    if criteria.department_id:
        officers = officers.filter(department_id=criteria.department_id)
    officers = officers_matching_text(officers, criteria.q, typos=typos)
    if term := search_key(criteria.first_name):
        officers = officers.filter(_name_match(term, "search_first_name", typos=typos))
    if term := search_key(criteria.last_name):
        officers = officers.filter(_name_match(term, "search_last_name", typos=typos))
    if term := search_key(criteria.badge):
        officers = officers.filter(search_badges__contains=term)
    if criteria.internal_id.strip():
        officers = officers.filter(internal_id__icontains=criteria.internal_id.strip())
    if criteria.rank:
        officers = officers.filter(
            Exists(Assignment.objects.filter(officer=OuterRef("pk"), rank__name=criteria.rank))
        )
    if criteria.unit:
        officers = officers.filter(
            Exists(Assignment.objects.filter(officer=OuterRef("pk"), unit__name=criteria.unit))
        )
    if criteria.currently_employed is not None:
        current = Exists(
            Assignment.objects.filter(officer=OuterRef("pk"), end_date__isnull=True)
            .filter(Q(start_date__isnull=True) | Q(start_date__lte=criteria.today))
        )
        officers = officers.filter(current if criteria.currently_employed else ~current)
    if criteria.races:
        officers = officers.filter(race__in=criteria.races)
    if criteria.genders:
        officers = officers.filter(gender__in=criteria.genders)
    if criteria.min_age is not None:
        officers = officers.filter(birth_year__lte=criteria.today.year - criteria.min_age)
    if criteria.max_age is not None:
        officers = officers.filter(birth_year__gte=criteria.today.year - criteria.max_age)
    if criteria.require_photo:
        officers = officers.filter(Exists(approved_faces().filter(officer=OuterRef("pk"))))
    return officers.order_by("last_name", "first_name", "id")


def _set_trigram_threshold() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [str(TRIGRAM_THRESHOLD)],
        )


@dataclass
class ResultPage:
    officers: list[Officer]
    number: int
    count: int
    count_is_capped: bool
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1 if self.officers else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + len(self.officers)

    @property
    def page_count(self) -> int:
        return max(1, -(-self.count // PAGE_SIZE))


def officer_search_page(*, criteria: OfficerCriteria, page: int = 1) -> ResultPage:
    """One page of results as gallery cards, with a count that stops at COUNT_CAP.

    Names are matched exactly (as fragments) first; only when nothing matches, and on
    PostgreSQL, does the search retry allowing typos: OR-ing the trigram match into every
    search made common fragments several times slower on a million officers.
    """
    page = max(1, page)
    rows, count = _search_window(criteria, page, typos=False)
    named = criteria.q or criteria.first_name or criteria.last_name
    if count == 0 and named and settings.IS_POSTGRES:
        _set_trigram_threshold()
        rows, count = _search_window(criteria, page, typos=True)
    has_next = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    officer_cards_prepare(rows)
    return ResultPage(
        officers=rows,
        number=page,
        count=min(count, COUNT_CAP),
        count_is_capped=count > COUNT_CAP,
        has_next=has_next,
    )


def _uses_trigram_index(criteria: OfficerCriteria) -> bool:
    """Whether a name or badge term is long enough for the trigram indexes to find it."""
    terms = [*criteria.q.split(), criteria.first_name, criteria.last_name, criteria.badge]
    return settings.IS_POSTGRES and any(len(search_key(term)) >= 3 for term in terms)


def _search_window(criteria: OfficerCriteria, page: int, *, typos: bool) -> tuple[list[Officer], int]:
    """The page's officers plus one (to tell whether there is a next page), and the match
    count (up to COUNT_CAP + 1)."""
    officers = officer_search(criteria=criteria, typos=typos)
    offset = (page - 1) * PAGE_SIZE
    if not _uses_trigram_index(criteria):
        count = officers.order_by()[: COUNT_CAP + 1].count()
        return list(officers.select_related("department")[offset : offset + PAGE_SIZE + 1]), count
    # Walking the name-ordered index and testing each officer against a fragment looks cheap
    # to the planner, but the matches of a name fragment cluster in that order ("ohns" only
    # under J): it read 400,000 rows before the first match on a million officers. Ordering
    # by an expression no index provides makes it collect the matches through the trigram
    # indexes and sort those instead; one query then gives both the count and the page's ids.
    officers = officers.order_by(
        Concat("last_name", Value(""), output_field=CharField()), "first_name", "id"
    )
    ids = list(officers.values_list("pk", flat=True)[: COUNT_CAP + 1])
    if offset + PAGE_SIZE + 1 > len(ids) > COUNT_CAP:
        # Past the first thousand matches: page through the query itself.
        window = list(officers.values_list("pk", flat=True)[offset : offset + PAGE_SIZE + 1])
    else:
        window = ids[offset : offset + PAGE_SIZE + 1]
    found = Officer.objects.select_related("department").in_bulk(window)
    return [found[pk] for pk in window], len(ids)


def officer_cards_prepare(officers: list[Officer]) -> None:
    """Give each officer `.card_face` (best approved face or None) and `.current_assignment`.

    Two queries for the whole page, whatever its size.
    """
    ids = [officer.pk for officer in officers]
    faces: dict[int, Face] = {}
    for face in approved_faces().filter(officer_id__in=ids).order_by(
        "officer_id", "-is_featured", "-created_at"
    ):
        faces.setdefault(face.officer_id, face)
    assignments: dict[int, Assignment] = {}
    for assignment in (
        Assignment.objects.filter(officer_id__in=ids)
        .select_related("rank", "unit")
        .order_by("officer_id", F("end_date").desc(nulls_first=True), F("start_date").desc(nulls_last=True))
    ):
        assignments.setdefault(assignment.officer_id, assignment)
    for officer in officers:
        officer.card_face = faces.get(officer.pk)
        officer.current_assignment = assignments.get(officer.pk)


def officer_public_get(*, public_id) -> Officer:
    """A published officer with everything its page shows; raises Officer.DoesNotExist."""
    return (
        officer_public_queryset()
        .select_related("department")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("rank", "unit").order_by(
                    F("start_date").desc(nulls_last=True), "-id"
                ),
            ),
            "salaries",
            "descriptions",
            "links",
            Prefetch(
                "faces",
                queryset=approved_faces().select_related("image").order_by(
                    "-is_featured", "-created_at"
                ),
                to_attr="public_faces",
            ),
        )
        .get(public_id=public_id)
    )


def officer_merged_target(*, public_id) -> Officer | None:
    """Where an officer merged into another now lives, for redirecting old links."""
    merged = Officer.objects.filter(public_id=public_id, merged_into__isnull=False).first()
    if merged is None:
        return None
    target = merged.merged_into
    while target.merged_into_id is not None and target.pk != merged.pk:
        target = target.merged_into
    return target if target.is_published else None


def rank_names(*, department_id: int | None) -> list[str]:
    """Rank names to filter by: the department's in order, or every published department's."""
    if department_id:
        ranks = Rank.objects.filter(department_id=department_id).order_by("order", "name")
        return list(dict.fromkeys(ranks.values_list("name", flat=True)))
    ranks = Rank.objects.filter(department__publication_status=PublicationStatus.PUBLISHED)
    return sorted(set(ranks.values_list("name", flat=True)), key=str.casefold)


def unit_names(*, department_id: int | None) -> list[str]:
    if not department_id:
        return []
    units = Unit.objects.filter(department_id=department_id).order_by("name")
    return list(units.values_list("name", flat=True))


def department_stats(*, department: Department) -> dict:
    officers = officer_public_queryset().filter(department=department)
    today = datetime.date.today()
    current = Exists(
        Assignment.objects.filter(officer=OuterRef("pk"), end_date__isnull=True).filter(
            Q(start_date__isnull=True) | Q(start_date__lte=today)
        )
    )
    return {
        "officers": officers.count(),
        "current": officers.filter(current).count(),
        "with_photo": officers.filter(
            Exists(approved_faces().filter(officer=OuterRef("pk")))
        ).count(),
        "ranks": (
            Rank.objects.filter(department=department)
            .annotate(
                officer_count=Count(
                    "assignment__officer",
                    filter=Q(
                        assignment__officer__publication_status=PublicationStatus.PUBLISHED,
                        assignment__end_date__isnull=True,
                    ),
                    distinct=True,
                )
            )
            .order_by("order", "name")
        ),
    }


def departments_curated_by(user) -> QuerySet[Department]:
    """Departments `user` may edit: all for admins, else those listing them as curator."""
    from core.roles import Role, user_has_role

    if user_has_role(user, Role.ADMIN):
        return Department.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Department.objects.none()
    return Department.objects.filter(curators=user)


def user_can_curate(user, department_id: int) -> bool:
    return departments_curated_by(user).filter(pk=department_id).exists()
