"""Public pages: choose a state and subject, fill a short form, get the letter and deadline."""

import datetime

from babel.dates import format_date

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from core.choices import UsState
from core.permissions import public
from pra import selectors
from pra.choices import INCIDENT_SUBJECTS, OFFICER_SUBJECTS, Subject
from pra.deadlines import add_business_days, due_date, follow_up_date, skipped_days
from pra.forms import ChooseForm, LetterForm, sent_date_parse
from pra.ics import deadline_calendar
from pra.letters import follow_up_text, law_reference, letter_render
from pra.pdf import letter_pdf

OUTPUTS = {"html", "pdf", "txt"}


def _choice_error(request, error: selectors.InvalidChoice, *, status: int = 400):
    return render(
        request,
        "pra/invalid_choice.html",
        {"error": error, "choose_form": ChooseForm()},
        status=status,
    )


def _prefill(request) -> dict:
    initial: dict = {}
    report = selectors.report_for_prefill(request.GET.get("report"))
    if report:
        initial.update(report)
    officer = selectors.officer_for_prefill(request.GET.get("officer"))
    if officer is not None:
        initial.update(
            officer_name=officer.full_name,
            agency=str(officer.department),
            state=officer.department.state,
        )
        initial.setdefault("subject", Subject.MISCONDUCT_BY_OFFICER)
    elif report and "incident_description" in report:
        initial.setdefault("subject", Subject.MISCONDUCT_BY_INCIDENT)
    return initial


def _letter_context(match, form) -> dict:
    law = match.law
    return {
        "match": match,
        "law": law,
        "form": form,
        "state_label": UsState(match.jurisdiction).label,
        "subject_label": match.subject.label,
        "asks_officer": match.subject in OFFICER_SUBJECTS,
        "asks_incident": match.subject in INCIDENT_SUBJECTS,
    }


@public
@require_GET
def start(request):
    """Step 1 (state and subject) and, once both are known, step 2 (the short form)."""
    prefill = _prefill(request)
    state_value = request.GET.get("state") or prefill.get("state")
    subject_value = request.GET.get("subject") or prefill.get("subject")
    try:
        state = selectors.state_parse(state_value) if state_value else None
        subject = selectors.subject_parse(subject_value) if subject_value else None
    except selectors.InvalidChoice as error:
        return _choice_error(request, error)
    context = {
        "choose_form": ChooseForm(initial={"state": state, "subject": subject}),
        "laws": selectors.law_list(),
        "own_templates": selectors.states_with_own_templates(),
        "state": state,
        "subject": subject,
    }
    if state and subject:
        match = selectors.template_for(state=state, subject=subject)
        initial = {**prefill, "state": state, "subject": subject.value}
        form = LetterForm(initial=initial, subject=subject)
        context.update(_letter_context(match, form))
    return render(request, "pra/start.html", context)


@public
@require_POST
def letter(request):
    """The finished letter (page, PDF or text) from the form's answers; nothing is stored."""
    try:
        state = selectors.state_parse(request.POST.get("state"))
        subject = selectors.subject_parse(request.POST.get("subject"))
    except selectors.InvalidChoice as error:
        return _choice_error(request, error)
    match = selectors.template_for(state=state, subject=subject)
    form = LetterForm(request.POST, subject=subject)
    if match.template is None or not form.is_valid() or request.POST.get("output") == "edit":
        context = {
            "choose_form": ChooseForm(initial={"state": state, "subject": subject}),
            "state": state,
            "subject": subject,
            "laws": selectors.law_list(),
            "own_templates": selectors.states_with_own_templates(),
            **_letter_context(match, form),
        }
        status = 200 if form.is_bound and not form.errors else 400
        return render(request, "pra/start.html", context, status=status)
    finished = letter_render(template=match.template, law=match.law, request=form.letter_request(
        jurisdiction=state
    ))
    output = request.POST.get("output", "html")
    filename = f"records-request-{match.jurisdiction.lower()}-{slugify(subject.value)}"
    if output == "pdf":
        with translation.override(finished.language):
            footer = gettext("Records request letter prepared with Accountable")
        content = letter_pdf(
            title=finished.title, text=finished.text, language=finished.language, footer=footer
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    if output == "txt":
        response = HttpResponse(
            f"{finished.title}\n\n{finished.text}", content_type="text/plain; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.txt"'
        return response
    sent_on = form.cleaned_data["send_date"]
    with translation.override("es"):
        spanish = {
            "state": str(UsState(state).label),
            "subject": str(subject.label),
            "law": law_reference(match.law, "es"),
            "due": (
                format_date(finished.due_date, format="long", locale="es")
                if finished.due_date
                else ""
            ),
        }
    follow_up = follow_up_date(law=match.law, sent_on=sent_on)
    context = {
        **_letter_context(match, form),
        "letter": finished,
        "sent_on": sent_on,
        "follow_up": follow_up,
        "follow_up_text": follow_up_text(
            law=match.law,
            agency=form.cleaned_data["agency"],
            sent_on=sent_on,
            due=finished.due_date,
            write_by=add_business_days(follow_up, 5, state=state),
            language=finished.language,
        ),
        "holidays_skipped": (
            skipped_days(sent_on, finished.due_date, state=state) if finished.due_date else []
        ),
        "spanish": spanish,
        "hidden_fields": [(name, request.POST.get(name, "")) for name in form.fields],
    }
    return render(request, "pra/letter.html", context)


@public
@require_GET
def state_detail(request, state: str):
    """The law, the deadline rule, the sources and the letters available for one state."""
    try:
        jurisdiction = selectors.state_parse(state)
    except selectors.InvalidChoice as error:
        return _choice_error(request, error, status=404)
    law = selectors.law_for(state=jurisdiction)
    sent_value = request.GET.get("sent", "")
    sent_on = datetime.date.today()
    sent_error = ""
    if sent_value:
        try:
            sent_on = sent_date_parse(sent_value)
        except ValueError as error:
            sent_error = str(error.args[0])
    due = due_date(law=law, sent_on=sent_on)
    context = {
        "jurisdiction": jurisdiction,
        "state_label": UsState(jurisdiction).label,
        "law": law,
        "exemptions": selectors.exemptions_for(law=law),
        "matches": selectors.templates_for_state(state=jurisdiction),
        "sent_on": sent_on,
        "sent_error": sent_error,
        "due": due,
        "follow_up": follow_up_date(law=law, sent_on=sent_on),
        "holidays_skipped": skipped_days(sent_on, due, state=jurisdiction) if due else [],
    }
    return render(request, "pra/state_detail.html", context, status=400 if sent_error else 200)


@public
@require_GET
def deadline_ics(request):
    """An .ics file with the due date and a follow-up reminder."""
    try:
        jurisdiction = selectors.state_parse(request.GET.get("state"))
    except selectors.InvalidChoice as error:
        return _choice_error(request, error)
    sent_on = datetime.date.today()
    if request.GET.get("sent"):
        try:
            sent_on = sent_date_parse(request.GET["sent"])
        except ValueError as error:
            return HttpResponse(str(error.args[0]), status=400, content_type="text/plain; charset=utf-8")
    law = selectors.law_for(state=jurisdiction)
    agency = " ".join(request.GET.get("agency", "").split())[:200]
    content = deadline_calendar(
        jurisdiction_name=str(UsState(jurisdiction).label),
        law_name=law.name if law else "",
        sent_on=sent_on,
        due=due_date(law=law, sent_on=sent_on),
        follow_up=follow_up_date(law=law, sent_on=sent_on),
        agency=agency,
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="records-request-deadline-{jurisdiction.lower()}.ics"'
    )
    return response


