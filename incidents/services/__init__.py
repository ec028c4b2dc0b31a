"""Writes for incidents: the labelling queue and adjudication; candidate incidents and review."""

from incidents.services.labels import (
    LABELS_PER_POST,
    LEASE,
    RANDOM_SHARE,
    adjudication_record,
    label_assignment_next,
    label_skip,
    label_submit,
)
from incidents.services.review import (
    CANDIDATE_MIN_RANK,
    incident_approval_errors,
    incident_candidate_from_post,
    incident_candidates_create,
    incident_decide,
    incident_update,
    incidents_approve_in_bulk,
    incidents_decide,
)

__all__ = [
    "CANDIDATE_MIN_RANK",
    "LABELS_PER_POST",
    "LEASE",
    "RANDOM_SHARE",
    "adjudication_record",
    "incident_approval_errors",
    "incident_candidate_from_post",
    "incident_candidates_create",
    "incident_decide",
    "incident_update",
    "incidents_approve_in_bulk",
    "incidents_decide",
    "label_assignment_next",
    "label_skip",
    "label_submit",
]
