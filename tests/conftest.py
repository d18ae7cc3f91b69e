import jinja2
import pytest
from django.core.cache import cache
from django.test.signals import template_rendered

from news import view_counts


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (site chrome and settings are cached)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _empty_view_tally():
    """Views a test tallied but did not write never reach a later test's database."""
    yield
    view_counts._pending.clear()


@pytest.fixture(autouse=True, scope="session")
def _instrument_jinja2():
    """Jinja2 templates report their rendering as Django templates do under test, so the
    test client gives ``response.context`` and ``response.templates`` for every page."""
    render = jinja2.Template.render

    def instrumented(self, *args, **kwargs):
        context = dict(*args, **kwargs)
        template_rendered.send(sender=self, template=self, context=context)
        return render(self, context)

    jinja2.Template.render = instrumented
    yield
    jinja2.Template.render = render
