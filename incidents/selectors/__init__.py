"""Reads for incidents: the labelling side, the public map, and agreement figures."""

from incidents.selectors.labels import (
    disagreements,
    final_human_label,
    labeller_label_count,
    settled_rank_counts,
    training_label_rows,
    training_labels,
)
from incidents.selectors.public import (
    IncidentFilters,
    MapSummary,
    incident_geojson,
    incident_map_summary,
    incident_public_get,
    incidents_by_month,
    incidents_for_officer,
    incidents_public,
)
from incidents.selectors.review import incident_review_queue, review_counts
from incidents.selectors.stats import agreement_summary, labeller_stats, throughput_by_day

__all__ = [
    "IncidentFilters",
    "MapSummary",
    "agreement_summary",
    "disagreements",
    "final_human_label",
    "incident_geojson",
    "incident_map_summary",
    "incident_public_get",
    "incident_review_queue",
    "incidents_by_month",
    "incidents_for_officer",
    "incidents_public",
    "labeller_label_count",
    "labeller_stats",
    "review_counts",
    "settled_rank_counts",
    "throughput_by_day",
    "training_label_rows",
    "training_labels",
]
