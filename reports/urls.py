from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.search, name="search"),
    path("<uuid:public_id>/", views.detail, name="detail"),
]
