from incidents.views.labelling import label_queue
from incidents.views.public import incident_clusters, incident_detail, incident_geojson, incident_map
from incidents.views.review import (
    adjudicate,
    adjudication_list,
    agreement,
    candidates_create,
    labels_export,
    review_batch,
    review_detail,
    review_list,
)

__all__ = [
    "adjudicate",
    "adjudication_list",
    "agreement",
    "candidates_create",
    "incident_clusters",
    "incident_detail",
    "incident_geojson",
    "incident_map",
    "label_queue",
    "labels_export",
    "review_batch",
    "review_detail",
    "review_list",
]
