import datetime
import random

import pytest

from core.models import PublicationStatus
from officers.models import Assignment, Officer, Rank, Unit
from officers.search.selectors import OfficerCriteria, officer_search, officer_search_page
from officers.models import officer_search_badges_refresh
from tests.factories import AssignmentFactory, DepartmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 21)


def names(**criteria):
    return [o.last_name for o in officer_search(criteria=OfficerCriteria(today=TODAY, **criteria))]


def test_name_fragments_match_without_case_or_accents():
    OfficerFactory(first_name="Zoë", last_name="Ramírez")
    OfficerFactory(first_name="Ann", last_name="Lee")
    assert names(q="rami") == ["Ramírez"]
    assert names(last_name="RAMIREZ") == ["Ramírez"]
    assert names(first_name="zoe") == ["Ramírez"]
    assert names(q="zoe rami") == ["Ramírez"]
    assert names(q="zoe lee") == []


def test_badge_and_internal_id_fragments_match():
    officer = OfficerFactory(last_name="Lee", internal_id="EMP-4410")
    AssignmentFactory(officer=officer, badge_number="A7731")
    officer_search_badges_refresh(officer_ids=[officer.pk])
    OfficerFactory(last_name="Other")
    assert names(badge="a773") == ["Lee"]
    assert names(internal_id="p-44") == ["Lee"]
    assert names(q="7731") == ["Lee"]


def test_filters_by_department_rank_unit_and_employment():
    department = DepartmentFactory()
    current = OfficerFactory(department=department, last_name="Current")

    sergeant = Rank.objects.create(department=department, name="Sergeant")
    traffic = Unit.objects.create(department=department, name="Traffic")
    AssignmentFactory(officer=current, rank=sergeant, unit=traffic, start_date=datetime.date(2020, 1, 1))
    former = OfficerFactory(department=department, last_name="Former")
    AssignmentFactory(officer=former, start_date=datetime.date(2010, 1, 1), end_date=datetime.date(2015, 1, 1))
    OfficerFactory(last_name="Elsewhere")

    assert names(department_id=department.pk) == ["Current", "Former"]
    assert names(rank="Sergeant") == ["Current"]
    assert names(unit="Traffic") == ["Current"]
    assert names(currently_employed=True) == ["Current"]
    assert names(currently_employed=False, department_id=department.pk) == ["Former"]


def test_filters_by_race_gender_and_age():
    OfficerFactory(last_name="Young", race="black", gender="female", birth_year=2000)
    OfficerFactory(last_name="Old", race="white", gender="male", birth_year=1960)
    assert names(races=("black",)) == ["Young"]
    assert names(genders=("male",)) == ["Old"]
    assert names(min_age=50) == ["Old"]
    assert names(max_age=30) == ["Young"]


def test_only_published_officers_of_published_departments_are_found():
    OfficerFactory(last_name="Public")
    OfficerFactory(last_name="Draft", publication_status="draft")
    OfficerFactory(last_name="Hidden", department=DepartmentFactory(publication_status="draft"))
    assert names() == ["Public"]


def test_a_page_holds_twenty_officers_and_knows_there_are_more():
    OfficerFactory.create_batch(21)
    page = officer_search_page(criteria=OfficerCriteria(), page=1)
    assert len(page.officers) == 20 and page.has_next and page.count == 21
    assert officer_search_page(criteria=OfficerCriteria(), page=2).officers[0]


@pytest.mark.postgres
def test_names_with_a_typo_are_found_on_postgresql():
    OfficerFactory(first_name="Michael", last_name="Johnson")
    OfficerFactory(first_name="Ann", last_name="Lee")
    page = officer_search_page(criteria=OfficerCriteria(q="jonson"))
    assert [o.last_name for o in page.officers] == ["Johnson"]
    page = officer_search_page(criteria=OfficerCriteria(last_name="johnsen"))
    assert [o.last_name for o in page.officers] == ["Johnson"]


def test_name_searches_page_in_name_order_before_and_past_the_first_thousand_matches():
    department = DepartmentFactory()
    numbers = list(range(1, 1046))
    random.Random(3).shuffle(numbers)
    Officer.objects.bulk_create(
        Officer(
            department=department,
            publication_status=PublicationStatus.PUBLISHED,
            first_name="Al",
            last_name=f"Smith{n:04d}",
            search_first_name="al",
            search_last_name=f"smith{n:04d}",
        )
        for n in numbers
    )
    OfficerFactory(department=department, last_name="Jones")

    first = officer_search_page(criteria=OfficerCriteria(q="smith"), page=1)
    third = officer_search_page(criteria=OfficerCriteria(q="mith"), page=3)
    last = officer_search_page(criteria=OfficerCriteria(q="smith"), page=53)

    assert [o.last_name for o in first.officers] == [f"Smith{n:04d}" for n in range(1, 21)]
    assert (first.count, first.count_is_capped, first.has_next) == (1000, True, True)
    assert [o.last_name for o in third.officers] == [f"Smith{n:04d}" for n in range(41, 61)]
    assert [o.last_name for o in last.officers] == [f"Smith{n:04d}" for n in range(1041, 1046)]
    assert not last.has_next and last.officers[0].department.name == department.name


def test_a_badge_is_findable_however_the_assignment_was_written():
    officer = OfficerFactory()
    assignment = Assignment.objects.create(officer=officer, badge_number="9911")
    assert list(officer_search(criteria=OfficerCriteria(badge="9911"))) == [officer]

    assignment.delete()
    assert list(officer_search(criteria=OfficerCriteria(badge="9911"))) == []


@pytest.fixture
def demo_officers():
    import io

    from officers import demo

    demo.load(stdout=io.StringIO())


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Tompson", "Thompson"),
        ("Hernandes", "Hernández"),
        ("Garsia", "García"),
        ("Nguyn", "Nguyen"),
        ("Obrien", "O'Brien"),
    ],
)
def test_a_misspelt_name_finds_the_demo_officers_on_either_database(demo_officers, typed, meant):
    page = officer_search_page(criteria=OfficerCriteria(q=typed))
    found = {officer.last_name for officer in page.officers}
    assert meant in found
    assert page.officers[0].last_name == meant, "the closest name comes first"
    assert {o.last_name for o in officer_search_page(criteria=OfficerCriteria(last_name=typed)).officers} >= {meant}


def test_a_typo_in_a_first_name_does_not_match_last_names():
    OfficerFactory(first_name="Ann", last_name="Thomson")
    OfficerFactory(first_name="Thomas", last_name="Lee")
    page = officer_search_page(criteria=OfficerCriteria(first_name="thomsen"))
    assert [o.last_name for o in page.officers] == ["Lee"]


def test_a_name_nobody_has_nor_anything_close_finds_nobody(demo_officers):
    page = officer_search_page(criteria=OfficerCriteria(q="Xylophonist"))
    assert page.officers == [] and page.count == 0


def test_a_misspelt_name_never_finds_unpublished_officers():
    OfficerFactory(last_name="Thompson", publication_status=PublicationStatus.DRAFT)
    assert officer_search_page(criteria=OfficerCriteria(q="Tompson")).officers == []
