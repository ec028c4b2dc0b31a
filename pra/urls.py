from django.urls import path

from pra import views

app_name = "pra"

urlpatterns = [
    path("", views.start, name="start"),
    path("letter/", views.letter, name="letter"),
    path("deadline.ics", views.deadline_ics, name="deadline_ics"),
    path("states/<str:state>/", views.state_detail, name="state_detail"),
]
