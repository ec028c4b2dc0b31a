"""factory-boy factories for every app's models, in one file."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """`UserFactory(roles=["labeller"])` puts the user in those role groups."""
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "officers.Department"

    name = factory.Sequence(lambda n: f"Springfield Police Department {n}")
    short_name = factory.Sequence(lambda n: f"SPD{n}")
    state = "USA-IL"
    city = "Springfield"
    publication_status = "published"


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "officers.Officer"

    department = factory.SubFactory(DepartmentFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    publication_status = "published"


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "officers.Assignment"

    officer = factory.SubFactory(OfficerFactory)
    badge_number = factory.Sequence(lambda n: str(1000 + n))


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ingest.Source"

    kind = "news"
    name = factory.Sequence(lambda n: f"Feed {n}")


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "incidents.Post"

    source_kind = "twitter"
    external_id = factory.Sequence(lambda n: str(1_500_000_000_000_000_000 + n))
    text = factory.Faker("sentence", nb_words=14)
    posted_at = factory.Faker("date_time_this_year", tzinfo=datetime.timezone.utc)


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "incidents.Incident"

    title = factory.Faker("sentence", nb_words=8)
    date = factory.Faker("date_this_decade")
    force_rank = 3
    source_kind = "dataset"
    dataset = "test"
    external_id = factory.Sequence(lambda n: f"test-{n}")
    state = "USA-OR"
    city = "Portland"
    latitude = 45.52
    longitude = -122.68
    location_method = "dataset"


# --- reports and oversight (issue 4) --------------------------------------------------------


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reports.Report"

    officer = factory.SubFactory(OfficerFactory)
    department = factory.LazyAttribute(lambda report: report.officer.department)
    report_type = "internal_affairs"
    investigation_id = factory.Sequence(lambda n: f"IA-{2000 + n}")
    incident_date = datetime.date(2021, 6, 1)
    publication_status = "published"


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reports.Finding"

    report = factory.SubFactory(ReportFactory)
    policy_category = "use_of_force"
    outcome = "sustained"
    summary = factory.Faker("sentence", nb_words=10)


class CommissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "oversight.Commission"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Springfield Police Review Board {n}")
    commission_type = "police_review_board"
    state = "USA-IL"
    city = "Springfield"
    phone = "555-0100"
    publication_status = "published"

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        """`CommissionFactory(departments=[dept])` sets the departments it covers."""
        if create and extracted:
            self.departments.set(extracted)


class ComplaintLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "oversight.ComplaintLink"

    commission = factory.SubFactory(CommissionFactory)
    kind = "form"
    form_type = "online"
    url = factory.Sequence(lambda n: f"https://example.org/complaint/{n}")
def photo_bytes(width: int = 64, height: int = 48, fmt: str = "JPEG", color=(120, 80, 200), exif=None) -> bytes:
    """A small generated photo (JPEG/PNG/WebP), optionally with EXIF, for upload tests."""
    import io

    from PIL import Image as PILImage

    out = io.BytesIO()
    picture = PILImage.new("RGB", (width, height), color)
    options = {"exif": exif} if exif is not None else {}
    picture.save(out, fmt, **options)
    return out.getvalue()


def _content_file(data: bytes, name: str):
    from django.core.files.base import ContentFile

    return ContentFile(data, name=name)


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "officers.Image"

    department = factory.SubFactory(DepartmentFactory)
    file = factory.LazyFunction(lambda: _content_file(photo_bytes(), "photo.jpg"))
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    width = 64
    height = 48


class FaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "officers.Face"

    image = factory.SubFactory(ImageFactory)
    x = 10
    y = 8
    width = 20
    height = 24
    origin = "detector"
