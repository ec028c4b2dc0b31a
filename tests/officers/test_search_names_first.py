"""One name asked for and nothing else: find-an-officer reads the officers bearing the names that
hold it off the name-order indexes (PostgreSQL, migration 0012) instead of collecting every
match. The page a person sees must be the one the full search gives: the same officers, in the
same order, with the same count, exact or misspelt."""

import random

import pytest

from officers.search.selectors import OfficerCriteria, officer_search_page
from tests.factories import AssignmentFactory, DepartmentFactory, OfficerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# Names that hold "ones" or "mith" in the first name, the last name, both, inside a two-word
# name, with accents, or nowhere; and names close to them for the misspelt searches.
FIRST = ["Jones", "Simone", "Smith", "Mithra", "Ann", "José", "Mary Jones", "Joan", "Bones"]
LAST = ["Jones", "Smith", "Smithe", "Goldsmith", "Jonés", "de la Jones", "Lee", "Stone", "Sones", "Smyth"]


@pytest.fixture
def department():
    """Seventy officers with those names in one department (every one public), a draft officer
    and an officer of a draft department bearing them too."""
    department = DepartmentFactory()
    rng = random.Random(7)
    for n in range(70):
        officer = OfficerFactory(department=department, first_name=rng.choice(FIRST), last_name=rng.choice(LAST))
        if n % 9 == 0:
            AssignmentFactory(officer=officer, badge_number=f"ONES-{n}")
    OfficerFactory(department=department, first_name="Hidden", last_name="Jones", publication_status="draft")
    OfficerFactory(department=DepartmentFactory(publication_status="draft"), first_name="Jones", last_name="Smith")
    return department


def page_seen(criteria: OfficerCriteria, page: int = 1) -> tuple:
    found = officer_search_page(criteria=criteria, page=page)
    return [officer.pk for officer in found.officers], found.count, found.has_next


@pytest.mark.parametrize(
    "asked",
    [
        {"q": "ones"}, {"q": "mith"}, {"q": "JONES"}, {"q": "jones"}, {"q": "one"}, {"q": "ith"},
        {"first_name": "ones"}, {"last_name": "ones"}, {"last_name": "jones"}, {"first_name": "mary jones"},
        # Misspelt: nothing holds them, so the officers bearing the closest names come first.
        {"q": "jonnes"}, {"last_name": "smiht"}, {"first_name": "simon"}, {"q": "smyht"},
    ],
)
def test_one_name_gives_the_page_the_full_search_gives(department, asked):
    # Naming the department (every public officer's) sends the same search down the full path.
    for page in (1, 2, 3):
        alone = page_seen(OfficerCriteria(**asked), page)
        full = page_seen(OfficerCriteria(department_id=department.pk, **asked), page)
        assert alone == full
    assert page_seen(OfficerCriteria(**asked))[1] > 0


def test_a_broad_fragment_lists_every_bearer_once_in_name_order_with_badges_too(department):
    found = officer_search_page(criteria=OfficerCriteria(q="ones"))
    everyone = []
    for page in range(1, 1 + found.page_count):
        everyone += officer_search_page(criteria=OfficerCriteria(q="ones"), page=page).officers
    keys = [(o.search_last_name, o.search_first_name, o.pk) for o in everyone]
    assert keys == sorted(keys) and len(set(keys)) == len(keys) == found.count
    assert all(
        "ones" in f"{o.search_first_name} {o.search_last_name} {o.search_badges}" for o in everyone
    )
    # Officers whose names lack "ones" but whose badge holds it are found too.
    assert any("ones" not in f"{o.search_first_name} {o.search_last_name}" for o in everyone)
    assert not any(o.first_name == "Hidden" or o.department.publication_status == "draft" for o in everyone)


def test_a_misspelt_last_name_lists_the_closest_name_first():
    department = DepartmentFactory()
    for first in ("Zoe", "Al", "Max"):
        OfficerFactory(department=department, first_name=first, last_name="Johnson")
    OfficerFactory(department=department, first_name="Abe", last_name="Johnston")
    found = officer_search_page(criteria=OfficerCriteria(last_name="jonhson"))
    assert [o.full_name for o in found.officers][:3] == ["Al Johnson", "Max Johnson", "Zoe Johnson"]
    assert found.count == 4


def test_a_fragment_with_like_wildcards_matches_them_literally():
    department = DepartmentFactory()
    OfficerFactory(department=department, first_name="Ann", last_name="O_neil")
    OfficerFactory(department=department, first_name="Ann", last_name="Oxneil")
    assert [o.last_name for o in officer_search_page(criteria=OfficerCriteria(q="o_n")).officers] == ["O_neil"]
