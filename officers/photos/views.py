"""Pages for submitting photos (anyone), the volunteers' queue, the leaderboard and reviewers' undo."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from core.parsing import ascii_int
from core.permissions import public, role_required
from core.roles import Role, user_has_role
from officers.models import Officer
from officers.photos import selectors
from officers.photos.forms import BoxForm, OfficerSearchForm, PhotoSubmitForm, SortForm
from officers.photos.models import Face, Image
from officers.photos.services import faces as face_services
from officers.photos.services import intake as intake_services
from officers.photos.services import queue as queue_services
from officers.selectors import departments_curated_by

SESSION_RESULT = "photos_submitted"
SESSION_SKIPPED = "photos_skipped"
WORKERS = (Role.VOLUNTEER, Role.REVIEWER)


def _int(value: str | None) -> int:
    return ascii_int(value, max_digits=17) or 0


def _page(request: HttpRequest, template: str, context: dict | None = None) -> HttpResponse:
    """Render a queue page; reviewers also get the link to undo."""
    return render(request, template, {**(context or {}), "is_reviewer": user_has_role(request.user, Role.REVIEWER)})


def submission_rate(group, request) -> str:
    """Submissions per IP address; settable so operators can loosen it for events."""
    return settings.PHOTO_SUBMIT_RATE


# --- Anyone: submit photos ------------------------------------------------------------------


@public
@ratelimit(key="ip", rate=submission_rate, method="POST", block=False)
def submit(request: HttpRequest) -> HttpResponse:
    """Anonymous upload. Nothing sent here is public until a reviewer approves it."""
    if getattr(request, "limited", False):
        return render(request, "officers/photos/ratelimited.html", status=429)
    if request.method == "POST":
        form = PhotoSubmitForm(request.POST, request.FILES)
        if form.is_valid():
            result = intake_services.images_submit(
                department=form.cleaned_data["department"],
                files=form.cleaned_data["photos"],
                note=form.cleaned_data["note"],
                submitter=request.user,
            )
            if result.created or result.duplicates:
                request.session[SESSION_RESULT] = {
                    "department": form.cleaned_data["department"].pk,
                    "created": [image.pk for image in result.created],
                    "duplicates": [image.pk for image in result.duplicates],
                    "rejected": result.rejected,
                }
                return redirect("officers:photos_submitted")
            for name, message in result.rejected:
                form.add_error("photos", f"{name}: {message}")
        return render(request, "officers/photos/submit.html", {"form": form}, status=400)
    initial = {}
    department = _int(request.GET.get("department"))
    if department and selectors.departments_accepting_photos().filter(pk=department).exists():
        initial["department"] = department
    return render(request, "officers/photos/submit.html", {"form": PhotoSubmitForm(initial=initial)})


@public
def submitted(request: HttpRequest) -> HttpResponse:
    result = request.session.get(SESSION_RESULT)
    if not result:
        return redirect("officers:submit_photos")
    # A stranger learns only that the photos arrived: "already in our collection" and its id
    # would tell them which photos the site holds. Staff may see which ones were repeats.
    if request.user.is_staff:
        created, duplicates = len(result["created"]), result["duplicates"]
    else:
        created, duplicates = len(result["created"]) + len(result["duplicates"]), []
    context = {
        "created": created,
        "duplicates": duplicates,
        "rejected": result["rejected"],
        "department": selectors.departments_accepting_photos().filter(pk=result["department"]).first(),
    }
    return render(request, "officers/photos/submitted.html", context)


# --- Volunteers: sort and tag ---------------------------------------------------------------


@role_required(*WORKERS)
def queue(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "officers/photos/queue.html",
        {"counts": selectors.queue_counts(), "leaders": selectors.leaderboard(days=30, limit=5)},
    )


@role_required(*WORKERS, Role.CURATOR)
@never_cache
def image_file(request: HttpRequest, pk: int) -> FileResponse:
    """Submitted photos are not public: staff see them through this view, never a media URL.

    Volunteers and reviewers work every department's queue; a curator sees only the photos of
    the departments they curate (unreviewed photos may show bystanders)."""
    images = Image.objects.all()
    if not user_has_role(request.user, *WORKERS):
        images = images.filter(department__in=departments_curated_by(request.user))
    image = get_object_or_404(images, pk=pk)
    try:
        handle = image.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@role_required(*WORKERS)
def sort(request: HttpRequest) -> HttpResponse:
    skipped = request.session.get(SESSION_SKIPPED, [])
    if request.method == "POST":
        form = SortForm(request.POST)
        image = Image.objects.filter(pk=_int(request.POST.get("image"))).first()
        if form.is_valid() and image is not None:
            answer = form.cleaned_data["answer"]
            if answer == "skip":
                request.session[SESSION_SKIPPED] = (skipped + [image.pk])[-200:]
                queue_services.image_release(image=image, user=request.user)
            elif image.claimed_by_id not in (None, request.user.pk):
                messages.warning(request, _("Another volunteer is sorting that photo."))
            else:
                try:
                    queue_services.image_sort(image=image, contains_officers=answer == "yes", actor=request.user)
                except ValidationError as error:
                    messages.warning(request, " ".join(error.messages))
            return redirect("officers:photo_sort")
        messages.error(request, _("That answer was not understood; please try again."))
        return redirect("officers:photo_sort")
    image = queue_services.image_claim_next(user=request.user, stage="sort", exclude_ids=skipped)
    return _page(
        request,
        "officers/photos/sort.html",
        {"image": image, "remaining": selectors.images_needing("sort").count(), "skipped": len(skipped)},
    )


@role_required(*WORKERS)
@require_POST
def sort_reset_skipped(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_SKIPPED, None)
    return redirect("officers:photo_sort")


@role_required(*WORKERS)
def tag_next(request: HttpRequest) -> HttpResponse:
    image = queue_services.image_claim_next(user=request.user, stage="tag")
    if image is None:
        return _page(request, "officers/photos/tag_empty.html")
    return redirect("officers:photo_tag", pk=image.pk)


def _tag_image(request: HttpRequest, pk: int) -> Image | None:
    """The image, if this user may tag it now; otherwise None with a message."""
    image = get_object_or_404(Image.objects.select_related("department"), pk=pk)
    if not selectors.images_needing("tag").filter(pk=pk).exists():
        messages.info(request, _("That photo no longer needs tagging."))
        return None
    if image.claimed_by_id not in (None, request.user.pk) and not queue_services.image_claim_is_stale(image):
        messages.warning(request, _("Another volunteer is tagging that photo."))
        return None
    return image


@role_required(*WORKERS)
def tag(request: HttpRequest, pk: int) -> HttpResponse:
    image = _tag_image(request, pk)
    if image is None:
        return redirect("officers:photo_tag_next")
    queue_services.image_claim(image=image, user=request.user)
    search = OfficerSearchForm(request.GET or None)
    searching_face = _int(request.GET.get("face"))
    results = []
    if search.is_valid() and searching_face:
        results = selectors.officers_for_tagging(department=image.department, query=search.cleaned_data["q"])
    faces = list(selectors.image_faces(image))
    for face in faces:
        # Boxes are drawn over the scaled photo in percent of its natural size.
        face.pct = {
            "left": f"{100 * face.x / max(image.width, 1):.3f}",
            "top": f"{100 * face.y / max(image.height, 1):.3f}",
            "width": f"{100 * face.width / max(image.width, 1):.3f}",
            "height": f"{100 * face.height / max(image.height, 1):.3f}",
        }
    context = {
        "image": image,
        "faces": faces,
        "search": search,
        "searching_face": searching_face,
        "results": results,
    }
    return _page(request, "officers/photos/tag.html", context)


def _box_or_message(request: HttpRequest) -> dict | None:
    form = BoxForm(request.POST)
    if form.is_valid():
        return form.cleaned_data
    messages.error(request, _("Draw the box around a face inside the photo."))
    return None


@role_required(*WORKERS)
@require_POST
def face_add(request: HttpRequest, pk: int) -> HttpResponse:
    image = _tag_image(request, pk)
    if image is None:
        return redirect("officers:photo_tag_next")
    box = _box_or_message(request)
    if box is not None:
        try:
            face = face_services.face_create(image=image, actor=request.user, **box)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Box added. Now find the officer."))
            return redirect(f"{reverse('officers:photo_tag', args=[image.pk])}?face={face.pk}#face-{face.pk}")
    return redirect("officers:photo_tag", pk=image.pk)


def _face_for_tagging(request: HttpRequest, pk: int) -> Face | None:
    face = get_object_or_404(Face.objects.select_related("image__department"), pk=pk)
    return face if _tag_image(request, face.image_id) is not None else None


@role_required(*WORKERS)
@require_POST
def face_box(request: HttpRequest, pk: int) -> HttpResponse:
    face = _face_for_tagging(request, pk)
    if face is None:
        return redirect("officers:photo_tag_next")
    box = _box_or_message(request)
    if box is not None:
        try:
            face_services.face_box_set(face=face, actor=request.user, **box)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Box moved."))
    return redirect(f"{reverse('officers:photo_tag', args=[face.image_id])}#face-{face.pk}")


@role_required(*WORKERS)
@require_POST
def face_officer(request: HttpRequest, pk: int) -> HttpResponse:
    face = _face_for_tagging(request, pk)
    if face is None:
        return redirect("officers:photo_tag_next")
    # Looked up inside the photo's department only: a face never links across departments.
    officer = Officer.objects.filter(department=face.image.department, pk=_int(request.POST.get("officer"))).first()
    if officer is None:
        messages.error(request, _("Choose an officer of this photo's department."))
    else:
        face_services.face_tag(face=face, officer=officer, actor=request.user)
        messages.success(request, _("Linked to %(officer)s.") % {"officer": officer.full_name})
    return redirect(f"{reverse('officers:photo_tag', args=[face.image_id])}#face-{face.pk}")


@role_required(*WORKERS)
@require_POST
def face_remove(request: HttpRequest, pk: int) -> HttpResponse:
    face = _face_for_tagging(request, pk)
    if face is None:
        return redirect("officers:photo_tag_next")
    try:
        face_services.face_delete(face=face, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Box removed."))
    return redirect("officers:photo_tag", pk=face.image_id)


@role_required(*WORKERS)
@require_POST
def tag_done(request: HttpRequest, pk: int) -> HttpResponse:
    image = _tag_image(request, pk)
    if image is not None:
        queue_services.image_tagging_finish(image=image, actor=request.user)
        messages.success(request, _("Thank you! On to the next photo."))
    return redirect("officers:photo_tag_next")


@role_required(*WORKERS)
def leaderboard(request: HttpRequest) -> HttpResponse:
    period = request.GET.get("period", "all")
    days = {"30d": 30, "7d": 7}.get(period)
    return _page(
        request,
        "officers/photos/leaderboard.html",
        {"rows": selectors.leaderboard(days=days), "period": period if days else "all"},
    )


# --- Reviewers: undo ------------------------------------------------------------------------


@role_required(Role.REVIEWER)
def review(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "officers/photos/review.html",
        {"sorts": selectors.recent_sorts(), "tags": selectors.recent_tags()},
    )


@role_required(Role.REVIEWER)
@require_POST
def sort_undo(request: HttpRequest, pk: int) -> HttpResponse:
    image = get_object_or_404(Image, pk=pk)
    try:
        queue_services.image_sort_undo(image=image, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The photo is back in the sorting queue."))
    return redirect("officers:photo_review")


@role_required(Role.REVIEWER)
@require_POST
def tag_undo(request: HttpRequest, pk: int) -> HttpResponse:
    face = get_object_or_404(Face, pk=pk)
    queue_services.face_tag_undo(face=face, actor=request.user)
    messages.success(request, _("The face is no longer linked to an officer."))
    return redirect("officers:photo_review")
