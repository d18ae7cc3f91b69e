from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.zone_list, name="zone-list"),
    path("<slug:slug>/", views.zone_detail, name="zone-detail"),
]
