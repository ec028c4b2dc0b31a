from django.urls import include, path

app_name = "officers"

urlpatterns: list = [
    path("photos/", include("officers.photo_urls")),
]
