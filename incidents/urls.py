from django.urls import path

from incidents import views
from incidents.views import submissions

app_name = "incidents"

urlpatterns = [
    path("", views.incident_map, name="map"),
    path("map.geojson", views.incident_geojson, name="geojson"),
    path("clusters.json", views.incident_clusters, name="clusters"),
    path("<int:pk>/", views.incident_detail, name="detail"),
    path("report/", submissions.incident_submit, name="submit"),
    path("report/thanks/", submissions.incident_submit_thanks, name="submit_thanks"),
    path("places.json", submissions.places, name="places"),
    path("label/", views.label_queue, name="label"),
    path("review/", views.review_list, name="review"),
    path("review/batch/", views.review_batch, name="review_batch"),
    path("review/candidates/", views.candidates_create, name="candidates_create"),
    path("review/<int:pk>/", views.review_detail, name="review_detail"),
    path("review/labels/", views.adjudication_list, name="adjudication_list"),
    path("review/labels/<int:post_id>/", views.adjudicate, name="adjudicate"),
    path("review/agreement/", views.agreement, name="agreement"),
    path("review/labels.csv", views.labels_export, name="labels_export"),
]
