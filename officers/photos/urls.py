"""Photo submission and the volunteers' queue; included by officers/urls.py under photos/."""

from django.urls import path

from officers.photos import views

urlpatterns = [
    path("submit/", views.submit, name="submit_photos"),
    path("submit/thanks/", views.submitted, name="photos_submitted"),
    path("queue/", views.queue, name="photo_queue"),
    path("queue/sort/", views.sort, name="photo_sort"),
    path("queue/sort/reset-skipped/", views.sort_reset_skipped, name="photo_sort_reset_skipped"),
    path("queue/tag/", views.tag_next, name="photo_tag_next"),
    path("queue/tag/<int:pk>/", views.tag, name="photo_tag"),
    path("queue/tag/<int:pk>/faces/", views.face_add, name="photo_face_add"),
    path("queue/tag/<int:pk>/done/", views.tag_done, name="photo_tag_done"),
    path("queue/faces/<int:pk>/box/", views.face_box, name="photo_face_box"),
    path("queue/faces/<int:pk>/officer/", views.face_officer, name="photo_face_officer"),
    path("queue/faces/<int:pk>/remove/", views.face_remove, name="photo_face_remove"),
    path("leaderboard/", views.leaderboard, name="photo_leaderboard"),
    path("review/", views.review, name="photo_review"),
    path("review/images/<int:pk>/undo-sort/", views.sort_undo, name="photo_sort_undo"),
    path("review/faces/<int:pk>/undo-tag/", views.tag_undo, name="photo_tag_undo"),
    path("images/<int:pk>/file/", views.image_file, name="photo_file"),
]
