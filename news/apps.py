from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("新闻资讯")

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
