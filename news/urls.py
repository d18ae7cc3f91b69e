from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("", views.home, name="home"),
    path("news/", views.article_list, name="article-list"),
    path("news/<int:pk>/", views.article_detail, name="article-detail"),
    path("news/<int:pk>/qr.svg", views.article_qr, name="article-qr"),
]
