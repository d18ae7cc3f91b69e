from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("公共组件")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
        from .cache import connect_invalidation_signals

        connect_invalidation_signals()
