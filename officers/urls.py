from django.urls import include, path

from officers import views

app_name = "officers"

urlpatterns = [
    path("", views.search, name="search"),
    path("departments/", views.department_list, name="department_list"),
    path("departments/<int:pk>/", views.department_detail, name="department_detail"),
    path("departments/<int:pk>/download/", views.department_download, name="department_download"),
    path("download/", views.download_all, name="download_all"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("photos/", include("officers.photos.urls")),
]
