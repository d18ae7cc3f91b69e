"""``/feeds/…``: RSS of the latest articles, per column and per zone."""

from django.urls import path

from .feeds import CategoryArticlesFeed, LatestArticlesFeed, ZoneArticlesFeed

app_name = "feeds"

urlpatterns = [
    path("latest/", LatestArticlesFeed(), name="latest"),
    path("category/<slug:slug>/", CategoryArticlesFeed(), name="category"),
    path("zone/<slug:slug>/", ZoneArticlesFeed(), name="zone"),
]
