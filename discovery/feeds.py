"""Atom feeds of approved incidents: all of them, or one state's."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from core.choices import POSTAL_TO_STATE, UsState, state_name
from core.permissions import public
from incidents.selectors.public import IncidentFilters, incidents_public

FEED_SIZE = 50


class IncidentFeed(Feed):
    """The newest approved incidents, newest first; the entry's date is the incident's, and
    its updated time the last change to the record."""

    feed_type = Atom1Feed

    def get_object(self, request, state: str = "") -> str:
        if not state:
            return ""
        code = POSTAL_TO_STATE.get(state.upper())
        if code is None:
            raise Http404("No such state")
        return code

    def title(self, state: str) -> str:
        if state:
            return _("Use-of-force incidents in %(state)s · Accountable") % {
                "state": UsState(state).label
            }
        return _("Use-of-force incidents · Accountable")

    def subtitle(self, state: str) -> str:
        return _(
            "Police use-of-force incidents that people reviewed and approved, newest first."
        )

    def link(self, state: str) -> str:
        url = reverse("incidents:map")
        return f"{url}?state={state}" if state else url

    def feed_url(self, state: str) -> str:
        if state:
            return reverse("discovery:incident_feed_state", kwargs={"state": state.removeprefix("USA-").lower()})
        return reverse("discovery:incident_feed")

    def items(self, state: str):
        return incidents_public(filters=IncidentFilters(state=state))[:FEED_SIZE]

    def item_title(self, incident) -> str:
        return incident.title

    def item_description(self, incident) -> str:
        rank = incident.get_force_rank_display()
        place = ", ".join(part for part in (incident.city, state_name(incident.state)) if part)
        lines = [f"{_('Force rank')}: {rank}"]
        if place:
            lines.append(f"{_('Place')}: {place}")
        if incident.summary:
            lines.append(incident.summary)
        return "\n".join(lines)

    def item_link(self, incident) -> str:
        return reverse("incidents:detail", kwargs={"pk": incident.pk})

    def item_pubdate(self, incident) -> datetime.datetime:
        if incident.date:
            return timezone.make_aware(datetime.datetime.combine(incident.date, datetime.time()))
        return incident.created_at

    def item_updateddate(self, incident) -> datetime.datetime:
        return incident.updated_at

    def item_categories(self, incident) -> list[str]:
        return [str(incident.get_force_rank_display())]


incident_feed = public(IncidentFeed())
