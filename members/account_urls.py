"""URLs of the zone staff's side: /submit/ and /account/… (logins included)."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import account_views

app_name = "account"

urlpatterns = [
    path("submit/", account_views.contribution_edit, name="submit"),
    path("submit/<int:pk>/", account_views.contribution_edit, name="contribution-edit"),
    path("account/contributions/", account_views.contribution_list, name="contribution-list"),
    path(
        "account/contributions/<int:pk>/",
        account_views.contribution_detail,
        name="contribution-detail",
    ),
    path("account/invite/", account_views.invite_colleague, name="invite"),
]

# Django's auth views keep their global names (login, logout, password_reset …).
auth_urlpatterns = [
    path("account/login/", account_views.LoginView.as_view(), name="login"),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/password/change/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done")),
        name="password_change",
    ),
    path(
        "account/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("account/password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "account/password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
