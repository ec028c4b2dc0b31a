from django.urls import path

from oversight import views

app_name = "oversight"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("complaint/", views.complaint, name="complaint"),
    path("<uuid:public_id>/", views.detail, name="detail"),
]
