"""Find an officer: the criteria, matching them, and pages of gallery cards.

Text (name, badge and internal-id fragments) is matched against OfficerSearch, one narrow row
per officer under one trigram index on PostgreSQL; the other criteria against the officers
themselves. Volunteer tagging matches text the same way (`officers_matching_text`).
"""

import datetime
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    Expression,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Collate, Length

from officers.models import Assignment, Officer, OfficerSearch, OfficerSearchName, search_key
from officers.photos.models import Face
from officers.selectors import approved_faces, officer_public_queryset

PAGE_SIZE = 20
# Counting every match of a one-letter fragment over a million officers costs more than the
# page itself; past this many, the page says "more than N" and keeps paging.
COUNT_CAP = 1_000
# word_similarity threshold for typo-tolerant name matches (pg_trgm's default is 0.6, which
# misses one wrong letter in a five-letter name).
TRIGRAM_THRESHOLD = 0.5
# How many of the closest names officers have a misspelt name is tried as.
TYPO_NAMES = 5
# rapidfuzz ratio (0-100) a name needs to count as a misspelling on SQLite: one letter wrong,
# missing or extra in a six-letter name scores 83-92; two in a five-letter one scores 60.
TYPO_MIN_RATIO = 75
# OfficerSearch's fields joined by spaces, exactly as its trigram index holds them (migration
# 0007): one fragment test per term instead of one per field.
SEARCH_TEXT = Func(
    F("first_name"),
    F("last_name"),
    F("badges"),
    F("internal_id"),
    template="(%(expressions)s)",
    arg_joiner=" || ' ' || ",
    output_field=TextField(),
)
# The name order of every result list: last name, then first name, in byte order of the
# accent-free keys (alphabetical for names, and compared several times faster than in the
# database's locale-aware collation), then id. On PostgreSQL the public officers are indexed in
# this order (migration 0012), each key in the "C" collation.
def _name_order() -> list:
    byte_order = "C" if connection.vendor == "postgresql" else "BINARY"
    return [Collate("last_name", byte_order), Collate("first_name", byte_order), "officer_id"]


# A fragment to find, with the OfficerSearch field it must be in (None: any of them).
Term = tuple[str, str | None]


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


def _text_terms(criteria: OfficerCriteria) -> list[Term]:
    """Every accent-free, lower-case fragment asked for, each word of `q` on its own."""
    terms: list[Term] = [(key, None) for key in map(search_key, criteria.q.split()) if key]
    for field_name, value in (
        ("first_name", criteria.first_name),
        ("last_name", criteria.last_name),
        ("badges", criteria.badge),
        ("internal_id", criteria.internal_id),
    ):
        if key := search_key(value):
            terms.append((key, field_name))
    return terms


def _fragment(fragment: str, field_name: str | None) -> Q:
    condition = Q(search_text__contains=fragment)
    if field_name:
        condition &= Q(**{f"{field_name}__contains": fragment})
    return condition


def _named(names: list[str], field_name: str | None) -> Q:
    if field_name:
        return Q(**{f"{field_name}__in": names})
    return Q(first_name__in=names) | Q(last_name__in=names)


def _rows_matching(
    rows: QuerySet[OfficerSearch], terms: list[Term], typos: dict[str, list[str]]
) -> QuerySet[OfficerSearch]:
    """Rows holding every term, or, for a term in `typos`, named one of its closest names."""
    rows = rows.alias(search_text=SEARCH_TEXT)
    for term, field_name in terms:
        condition = _fragment(term, field_name)
        if names := typos.get(term):
            condition |= _named(names, field_name)
        rows = rows.filter(condition)
    return rows


def officers_matching_text(officers: QuerySet[Officer], text: str) -> QuerySet[Officer]:
    """Narrow `officers` to those matching every word of `text`: a fragment of a name (any case,
    any accents), of a badge held at any time, or of the internal id."""
    terms = _text_terms(OfficerCriteria(q=text))
    if not terms:
        return officers
    rows = _rows_matching(OfficerSearch.objects.all(), terms, {})
    return officers.filter(pk__in=rows.values("officer_id"))


def _filtered(officers: QuerySet[Officer], criteria: OfficerCriteria) -> QuerySet[Officer]:
    """`officers` narrowed by every criterion but the text ones."""
    if criteria.department_id:
        officers = officers.filter(department_id=criteria.department_id)
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
    return officers


def officer_search(*, criteria: OfficerCriteria) -> QuerySet[Officer]:
    """Published officers matching `criteria`, ordered by name."""
    officers = _filtered(officer_public_queryset(), criteria)
    if terms := _text_terms(criteria):
        rows = _rows_matching(OfficerSearch.objects.all(), terms, {})
        officers = officers.filter(pk__in=rows.values("officer_id"))
    return officers.order_by("last_name", "first_name", "id")


def _surnames_starting(rows: QuerySet[OfficerSearch], prefix: str, limit: int) -> list[int]:
    """The first `limit` of `rows` whose last name starts with `prefix`, in name order: on
    PostgreSQL a range read off the name-order index (migration 0012)."""
    if settings.IS_POSTGRES:
        rows = rows.alias(last_c=Collate("last_name", "C")).filter(
            last_c__gte=prefix, last_c__lt=prefix + "\U0010ffff"
        )
    else:
        rows = rows.filter(last_name__startswith=prefix)
    return list(rows.order_by(*_name_order()).values_list("officer_id", flat=True)[:limit])


def officer_suggestions(*, text: str, limit: int) -> list[Officer]:
    """The first `limit` published officers matching every word of `text`: for typeahead, so
    no count, no cards and no typo retry.

    One word typed is first taken as the start of a last name (what people type first is the
    start of a surname): those officers come first, in name order. If they are fewer than
    `limit`, officers holding every word anywhere fill the rest, in name order: on PostgreSQL
    through the trigram index (a word of three letters or more), else by walking the officers
    in name order."""
    terms = _text_terms(OfficerCriteria(q=text))
    if not terms:
        return []
    public = OfficerSearch.objects.filter(is_public=True)
    ids: list[int] = []
    if len(terms) == 1:
        ids = _surnames_starting(public, terms[0][0], limit)
    if len(ids) < limit:
        if settings.IS_POSTGRES and any(len(term) >= 3 for term, _field_name in terms):
            rows = _rows_matching(public, terms, {}).exclude(officer_id__in=ids)
            ids += _collected_in_order(rows, _name_order(), 0, limit - len(ids))
        else:
            officers = officer_search(criteria=OfficerCriteria(q=text)).exclude(pk__in=ids)
            ids += officers.values_list("pk", flat=True)[: limit - len(ids)]
    found = Officer.objects.select_related("department").in_bulk(ids)
    return [found[pk] for pk in ids]


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
    PostgreSQL, does the search retry allowing typos: a misspelt name also finds the officers
    bearing one of the few names closest to it, the closest first.
    """
    page = max(1, page)
    terms = _text_terms(criteria)
    if settings.IS_POSTGRES and any(len(term) >= 3 for term, _field_name in terms):
        rows, count = _trigram_window(criteria, terms, page, typos={})
        if count == 0 and any((typos := _typo_names(terms)).values()):
            rows, count = _trigram_window(criteria, terms, page, typos=typos)
    else:
        rows, count = _ordered_window(officer_search(criteria=criteria), page)
        if (
            count == 0
            and not settings.IS_POSTGRES
            and any((typos := _typo_names_in_python(terms)).values())
        ):
            rows, count = _trigram_window(criteria, terms, page, typos=typos)
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


def _ordered_window(officers: QuerySet[Officer], page: int) -> tuple[list[Officer], int]:
    """The page's officers plus one (to tell whether there is a next page), and the match
    count (up to COUNT_CAP + 1), walking the officers in name order: cheap when no term is
    long enough for the trigram index, as the first matches then come early in that order."""
    offset = (page - 1) * PAGE_SIZE
    count = officers.order_by()[: COUNT_CAP + 1].count()
    return list(officers.select_related("department")[offset : offset + PAGE_SIZE + 1]), count


def _trigram_window(
    criteria: OfficerCriteria, terms: list[Term], page: int, *, typos: dict[str, list[str]]
) -> tuple[list[Officer], int]:
    """As `_ordered_window`, for text searches on PostgreSQL (and SQLite's typo retry).

    One name and nothing else asked, the first thousand matches come off the name-order
    indexes (`_named_first`). Otherwise the trigram index collects every matching OfficerSearch
    row and only those are sorted (walking the officers in name order and testing each read
    400,000 of a million before the first "ohns"), so the cost is one narrow row per match.
    One query gives both the count and the page's ids.
    """
    offset = (page - 1) * PAGE_SIZE
    matches = _named_first(criteria, terms, typos) if offset + PAGE_SIZE <= COUNT_CAP else None
    window = None
    if matches is None:
        rows = _rows_matching(OfficerSearch.objects.filter(is_public=True), terms, typos)
        if criteria.department_id:
            rows = rows.filter(department_id=criteria.department_id)
        # Rank, unit, employment, race, gender, age and photo are the officers' own.
        filters = replace(
            criteria, q="", department_id=None, first_name="", last_name="", badge="", internal_id=""
        )
        if filters != OfficerCriteria(today=criteria.today):
            rows = rows.filter(officer_id__in=_filtered(Officer.objects.all(), filters).values("pk"))
        order = _name_order()
        if typos:
            order.insert(0, _typo_rank(terms, typos))
        matches = _collected_in_order(rows, order, 0, COUNT_CAP + 1)
        if offset + PAGE_SIZE + 1 > len(matches) > COUNT_CAP:
            # Past the first thousand matches: page through the query itself.
            window = _collected_in_order(rows, order, offset, offset + PAGE_SIZE + 1)
    if window is None:
        window = matches[offset : offset + PAGE_SIZE + 1]
    found = Officer.objects.select_related("department").in_bulk(window)
    return [found[pk] for pk in window], len(matches)


def _collected_in_order(
    rows: QuerySet[OfficerSearch], order: list, start: int, stop: int
) -> list[int]:
    """The officer ids of `rows` in `order`, from `start` to `stop`.

    On PostgreSQL every match is collected first (through the trigram index) and only then
    sorted: asked for both at once, the planner may walk a name-order index instead, testing
    each officer until enough match, which is quick when matches are many and took 4.6 s for a
    rare four-letter fragment among three million officers (docs/benchmarks.md). A materialised
    common table expression keeps the two steps apart."""
    if connection.vendor != "postgresql":
        return list(rows.order_by(*order).values_list("officer_id", flat=True)[start:stop])
    keys = {f"order_{i}": F(key) if isinstance(key, str) else key for i, key in enumerate(order)}
    collected = rows.annotate(**keys).values_list("officer_id", *keys).order_by()
    sql, params = collected.query.sql_with_params()
    keys_in_order = ", ".join(connection.ops.quote_name(key) for key in keys)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH collected AS MATERIALIZED ({sql}) "
            f"SELECT officer_id FROM collected ORDER BY {keys_in_order} LIMIT %s OFFSET %s",
            [*params, stop - start, start],
        )
        return [officer_id for (officer_id,) in cursor.fetchall()]


# The search table's rows in name order, for `_named_first`: "C" collation as in the name-order
# indexes (migration 0012).
_NAMED_COLUMNS = 'officer_id, last_name COLLATE "C" AS last_name, first_name COLLATE "C" AS first_name'
_NAMED_TABLE = OfficerSearch._meta.db_table
# Every distinct name holding a fragment, as one array computed once by the server: compared in
# the index condition (`= ANY`) and unnested for the first names, it never travels as a literal
# (two thousand names made the statement 100 kB and took 27 ms to plan).
_NAMES_HOLDING = f"ARRAY(SELECT name::text FROM {OfficerSearchName._meta.db_table} WHERE name LIKE %s)"


def _named_first(
    criteria: OfficerCriteria, terms: list[Term], typos: dict[str, list[str]]
) -> list[int] | None:
    """The ids of the first COUNT_CAP + 1 matches in order when one name (a word of `q`, a first
    or a last name) is all that was asked, on PostgreSQL; None otherwise.

    A broad fragment ("ones", "mith") matches tens of thousands of officers spread over the
    whole search table, and collecting them all to sort them read a page of it per match (270
    ms at three million officers). The names that hold the fragment are fewer: they come first
    from OfficerSearchName (one row per distinct name), then the officers bearing each, already
    in name order, off the two name-order indexes, a thousand at most per name; badges and
    internal ids holding the fragment, off their own trigram index. Misspelt, the officers
    bearing the closest name come first, then the next closest, as `_typo_rank` orders them.

    Every officer's names are in OfficerSearchName (the triggers write both), so an officer
    whose name is not among those holding the fragment is one whose name does not hold it.
    """
    if not settings.IS_POSTGRES or len(terms) != 1:
        return None
    term, field_name = terms[0]
    if field_name not in (None, "first_name", "last_name") or replace(
        criteria, q="", first_name="", last_name=""
    ) != OfficerCriteria(today=criteria.today):
        return None
    pattern = f"%{connection.ops.prep_for_like_query(term)}%"
    # Each group: the SQL of its names as an array, its parameters, and the SQL and parameters
    # of "this last name is not in this group or an earlier one".
    groups: list[tuple[str, list, str, list]]
    if typos:
        names = typos.get(term, [])
        groups = [
            ("%s::text[]", [[name]], 'last_name COLLATE "C" <> ALL(%s)', [names[: place + 1]])
            for place, name in enumerate(names)
        ]
    else:
        groups = [(_NAMES_HOLDING, [pattern], "last_name NOT LIKE %s", [pattern])]
    parts: list[str] = []
    params: list = []
    limit = COUNT_CAP + 1
    for place, (names_sql, names_params, other_last, other_last_params) in enumerate(groups):
        if field_name in (None, "last_name"):
            # Bearing one of these last names, and no first name of an earlier (closer) group.
            condition = f'last_name COLLATE "C" = ANY({names_sql})'
            params += names_params
            if field_name is None and place:
                condition += " AND first_name <> ALL(%s)"
                params.append(typos[term][:place])
            parts.append(
                f"(SELECT {place}, {_NAMED_COLUMNS} FROM {_NAMED_TABLE} WHERE is_public AND {condition} "
                f'ORDER BY last_name COLLATE "C", first_name COLLATE "C", officer_id LIMIT {limit})'
            )
        if field_name in (None, "first_name"):
            # Bearing one of these first names, and no last name of this group or an earlier one.
            params += names_params
            condition = "first_name = asked.name"
            if field_name is None:
                condition += f" AND {other_last}"
                params += other_last_params
            parts.append(
                f"(SELECT {place}, named.* FROM unnest({names_sql}) AS asked(name), LATERAL "
                f"(SELECT {_NAMED_COLUMNS} FROM {_NAMED_TABLE} WHERE is_public AND {condition} "
                f'ORDER BY last_name COLLATE "C", officer_id LIMIT {limit}) AS named)'
            )
    if field_name is None and not typos:
        # A badge or an internal id holding the fragment, under no name that holds it.
        parts.append(
            f"(SELECT 0, {_NAMED_COLUMNS} FROM {_NAMED_TABLE} WHERE is_public "
            "AND (badges || ' ' || internal_id) LIKE %s AND last_name NOT LIKE %s AND first_name NOT LIKE %s)"
        )
        params += [pattern, pattern, pattern]
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT officer_id FROM ({' UNION ALL '.join(parts)}) AS found "
            f"(place, officer_id, last_name, first_name) "
            f"ORDER BY place, last_name, first_name, officer_id LIMIT {limit}",
            params,
        )
        return [officer_id for (officer_id,) in cursor.fetchall()]


def _typo_names(terms: list[Term]) -> dict[str, list[str]]:
    """For each name term long enough to misspell, the names officers have that are closest to
    it, closest first: pg_trgm's word similarity over OfficerSearchName (one row per name, not
    per officer), so that only the officers bearing those few names are read."""
    from django.contrib.postgres.lookups import TrigramWordSimilar
    from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [str(TRIGRAM_THRESHOLD)],
        )
    closest = {}
    for term, field_name in terms:
        if len(term) >= 4 and field_name in (None, "first_name", "last_name"):
            names = (
                OfficerSearchName.objects.filter(TrigramWordSimilar(F("name"), term))
                .annotate(
                    word_similarity=TrigramWordSimilarity(term, "name"),
                    similarity=TrigramSimilarity("name", term),
                )
                .order_by("-word_similarity", "-similarity", "name")
                .values_list("name", flat=True)
            )
            closest[term] = list(names[:TYPO_NAMES]) or _closest_by_edits(
                term,
                OfficerSearchName.objects.alias(length=Length("name"))
                .filter(length__range=(len(term) - 2, len(term) + 2))
                .values_list("name", flat=True),
            )
    return closest


def _closest_by_edits(term: str, names) -> list[str]:
    """The few `names` closest to `term` by rapidfuzz's edit-distance ratio, closest first.

    Trigrams miss a misspelling that changes a letter in the middle of a short name (garsia and
    garcia share 4 of their 10 trigrams, similarity 0.4): on PostgreSQL this is the fallback when
    trigrams find no name; on SQLite it is the only typo search."""
    from rapidfuzz import fuzz, process

    found = process.extract(
        term, sorted(set(names) - {""}), scorer=fuzz.ratio, limit=TYPO_NAMES, score_cutoff=TYPO_MIN_RATIO
    )
    return [name for name, _score, _index in found]


def _typo_names_in_python(terms: list[Term]) -> dict[str, list[str]]:
    """`_typo_names` for SQLite, which has no pg_trgm: rapidfuzz's edit-distance ratio of each
    name term to every distinct name of a published officer, the closest few first.

    SQLite is the newcomer's database (thousands of officers, not millions), so reading the
    distinct names once per misspelt search costs milliseconds.
    """
    wanted = [
        (term, field_name)
        for term, field_name in terms
        if len(term) >= 4 and field_name in (None, "first_name", "last_name")
    ]
    if not wanted:
        return {}
    public = OfficerSearch.objects.filter(is_public=True)
    names = {
        field_name: set(public.values_list(field_name, flat=True).distinct())
        for field_name in ("first_name", "last_name")
    }
    closest = {}
    for term, field_name in wanted:
        choices = names[field_name] if field_name else names["first_name"] | names["last_name"]
        closest[term] = _closest_by_edits(term, choices)
    return closest


def _typo_rank(terms: list[Term], typos: dict[str, list[str]]) -> Expression:
    """0 for a row holding every term as typed; otherwise, summed over the misspelt terms, the
    place of its name among the closest."""
    rank = Value(0)
    for term, field_name in terms:
        if names := typos.get(term):
            places = [When(_fragment(term, field_name), then=Value(0))]
            places += [
                When(_named([name], field_name), then=Value(place))
                for place, name in enumerate(names, 1)
            ]
            rank = rank + Case(*places, default=Value(len(names) + 1))
    return rank


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
        .order_by(
            "officer_id",
            F("end_date").desc(nulls_first=True),
            F("start_date").desc(nulls_last=True),
        )
    ):
        assignments.setdefault(assignment.officer_id, assignment)
    for officer in officers:
        officer.card_face = faces.get(officer.pk)
        officer.current_assignment = assignments.get(officer.pk)
