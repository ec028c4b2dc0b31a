from django.urls import path

from discovery import feeds, views

app_name = "discovery"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/suggest/", views.suggest, name="suggest"),
    path("methodology/", views.methodology, name="methodology"),
    path("feeds/incidents.atom", feeds.incident_feed, name="incident_feed"),
    path("feeds/incidents/<str:state>.atom", feeds.incident_feed, name="incident_feed_state"),
]

# Outside the language prefix: crawlers ask for these at the root.
root_urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:section>-<int:page>.xml", views.sitemap_section, name="sitemap_section"),
]
