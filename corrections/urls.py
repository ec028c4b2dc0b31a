from django.urls import path

from corrections import views

app_name = "corrections"

urlpatterns = [
    path("<slug:kind>/<str:ident>/", views.report_error, name="report_error"),
    path("thanks/", views.thanks, name="thanks"),
]
