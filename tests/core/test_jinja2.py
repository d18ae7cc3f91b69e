"""The Jinja2 environment of the site's templates (core.jinja2) and the remembered URLs."""

import datetime as dt
import runpy
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import defaultfilters, engines
from django.urls import reverse, set_script_prefix
from django.utils import timezone, translation

from core import jinja2 as portal_jinja2
from core.urls_cache import reverse as cached_reverse

SHANGHAI = ZoneInfo("Asia/Shanghai")


def env():
    return engines["jinja2"].env


def render(source: str, **context) -> str:
    return env().from_string(source).render(context)


@pytest.mark.parametrize(
    "fmt",
    ["Y-m-d", "Y-m-d H:i", "Y年m月d日 H:i", "Y-m-d\\TH:i:sO", "H:i:s", "\\Y Y", "100% Y"],
)
@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),  # another day in Beijing
        dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=SHANGHAI),
        dt.datetime(2024, 2, 29, 16, 0, tzinfo=dt.UTC),  # midnight in Beijing
    ],
)
def test_numeric_dates_match_django_formatting(value, fmt):
    expected = defaultfilters.date(timezone.template_localtime(value), fmt)
    assert portal_jinja2.strftime_pattern(fmt) is not None
    assert portal_jinja2.date(value, fmt) == expected


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=dt.UTC),
        dt.datetime(2024, 2, 29, 16, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=SHANGHAI),
    ],
)
def test_iso_dates_match_django_formatting(value):
    expected = defaultfilters.date(timezone.template_localtime(value), "c")
    assert portal_jinja2.date(value, "c") == expected
    assert expected.endswith("+08:00")


@pytest.mark.parametrize("fmt", ["Y年n月", "D", "F j", "N"])
def test_other_formats_are_left_to_django(fmt):
    value = dt.datetime(2026, 3, 8, 9, 30, tzinfo=dt.UTC)
    assert portal_jinja2.strftime_pattern(fmt) is None
    assert portal_jinja2.date(value, fmt) == defaultfilters.date(
        timezone.template_localtime(value), fmt
    )


@pytest.mark.parametrize("value", [dt.date(2001, 5, 1), None, ""])
def test_dates_and_empty_values_use_django(value):
    assert portal_jinja2.date(value, "Y年n月") == defaultfilters.date(value, "Y年n月")


def test_missing_values_render_empty_as_in_django_templates():
    assert render("[{{ nothing }}|{{ nothing.attr.deeper }}|{{ nothing.call() }}]") == "[||]"
    assert render("{{ actor.get_full_name() or 'admin' }}", actor=None) == "admin"


def test_output_is_escaped_and_translations_format_safely():
    assert render("{{ text }}", text="<b>") == "&lt;b&gt;"
    html = render("{{ _('更多%(name)s', name=name) }}", name="<script>")
    assert html == "更多&lt;script&gt;"


def test_translations_are_remembered_per_language():
    with translation.override("zh-hans"):
        chinese = render("{{ _('Log out') }}")
    with translation.override("en"):
        english = render("{{ _('Log out') }}")
    assert english == "Log out" and chinese != english


def test_literal_translations_are_compiled_into_the_template_per_language():
    source = "{{ _('Log out') }}|{{ _('Home') }}"
    with translation.override("fr"):
        french = engines["jinja2"].from_string(source)
        code = env().compile(source, raw=True)
    with translation.override("de"):
        german = engines["jinja2"].from_string(source)
    # The same source compiles to each language's text; no lookup is left for rendering.
    assert french.render() == "Déconnexion|Accueil"
    assert german.render() == "Abmelden|Start"
    assert "Déconnexion|Accueil" in code and "resolve('_')" not in code
    with translation.override("fr"):  # the same source, unfolded, looks ``_`` up
        assert "resolve('_')" in engines["jinja2"]._base_env.compile(source, raw=True)
    # A template compiled for one language keeps its text whatever is active later.
    with translation.override("de"):
        assert french.render() == "Déconnexion|Accueil"


def test_only_plain_literal_calls_are_compiled():
    with translation.override("fr"):
        # Folded text is formatted as newstyle gettext formats it.
        assert render("{{ _('50%% Home') }}") == "50% Home"
        assert "50% Home" in env().compile("{{ _('50%% Home') }}", raw=True)
        # Markup characters and formats that need variables are left to newstyle gettext,
        # which prints the first unescaped and fails only where the second is rendered.
        assert "resolve('_')" in env().compile("{{ _('a <b>') }}", raw=True)
        assert render("{{ _('100%% <b>sure</b>') }}") == "100% <b>sure</b>"
        assert render("{% if false %}{{ _('%(n)s Home') }}{% endif %}ok") == "ok"
        # Variables, another object's method and plurals are translated when rendering.
        assert render("{{ _('%(n)s Home', n=n) }}", n="<3>") == "&lt;3&gt; Home"
        assert render("{{ obj._('Home') }}", obj={"_": lambda text: text.upper()}) == "HOME"
        assert render("{{ ngettext('%(num)d day', '%(num)d days', 2) }}") == "2 jours"
        assert render("{% trans %}Home{% endtrans %}") == "Accueil"
        # A lone ``_`` that is not a call is left alone.
        assert render("{{ _ is defined }}") == "True"


def test_environment_without_a_language_translates_when_rendering():
    base = engines["jinja2"]._base_env
    assert not hasattr(base, "language")
    template = base.from_string("{{ _('Home') }}")
    with translation.override("fr"):
        assert template.render() == "Accueil"
    with translation.override("de"):
        assert template.render() == "Start"


def test_fragment_is_rendered_once_per_key():
    calls = []
    template = env().from_string('{% cache "test-fragment", key %}{{ count() }}{% endcache %}')

    def count():
        calls.append(1)
        return len(calls)

    assert template.render(key="a", count=count) == "1"
    assert template.render(key="a", count=count) == "1"  # kept
    assert template.render(key="b", count=count) == "2"
    with translation.override("en"):
        assert template.render(key="a", count=count) == "3"  # per language


def test_fragment_store_is_bounded(monkeypatch):
    extension = env().extensions["core.jinja2.FragmentCacheExtension"]
    monkeypatch.setattr(extension, "fragments", {})
    monkeypatch.setattr(extension, "max_entries", 3)
    template = env().from_string('{% cache "bounded", key %}{{ key }}{% endcache %}')
    for key in range(10):
        assert template.render(key=key) == str(key)
        assert len(extension.fragments) <= 3


def test_url_helper_and_model_links_match_reverse():
    assert render("{{ url('news:article-detail', 42) }}") == reverse(
        "news:article-detail", args=[42]
    )
    assert cached_reverse("members:zone-detail", "liuyang") == reverse(
        "members:zone-detail", args=["liuyang"]
    )


def test_remembered_urls_follow_the_script_prefix():
    plain = cached_reverse("news:article-detail", 7)
    set_script_prefix("/portal/")
    try:
        assert cached_reverse("news:article-detail", 7) == "/portal" + plain
    finally:
        set_script_prefix("/")
    assert cached_reverse("news:article-detail", 7) == plain


def test_gunicorn_freezes_the_loaded_application_before_forking():
    import gc

    config = runpy.run_path(str(Path(__file__).resolve().parents[2] / "config/gunicorn.conf.py"))
    try:
        config["pre_fork"](server=None, worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_forms_render_the_same_with_the_faster_widget_templates():
    from django import forms
    from django.forms.renderers import DjangoTemplates

    from core.forms import PortalFormRenderer

    class Form(forms.Form):
        region = forms.ChoiceField(choices=[("430000", "湖南省"), ("<b>", "<b>不安全</b>")])
        note = forms.CharField(required=False, widget=forms.Textarea)

    def normalised(html):
        return [line.strip() for line in str(html).splitlines() if line.strip()]

    form = Form(data={"region": "<b>"})
    faster = form.render(renderer=PortalFormRenderer())
    assert normalised(faster) == normalised(form.render(renderer=DjangoTemplates()))
    assert "<b>不安全" not in faster  # escaped in both


def test_widgets_without_jinja2_templates_fall_back_to_django_templates():
    from django_ckeditor_5.widgets import CKEditor5Widget

    from core.forms import PortalFormRenderer

    html = CKEditor5Widget().render(
        "body", "<p>正文</p>", attrs={"id": "id_body"}, renderer=PortalFormRenderer()
    )
    assert "正文" in html and "ck-editor" in html.lower()


def test_fragments_are_not_kept_while_developing(settings):
    settings.DEBUG = True
    template = env().from_string('{% cache "dev-fragment" %}{{ value }}{% endcache %}')
    assert template.render(value="旧") == "旧"
    assert template.render(value="新") == "新"


def test_lazy_strings_django_marked_safe_stay_html():
    from django.contrib.auth.forms import SetPasswordForm
    from django.contrib.auth.models import User

    form = SetPasswordForm(User(username="zhangsan"))
    html = render("{{ field.help_text }}", field=form["new_password1"])
    assert "<ul>" in html and "&lt;ul&gt;" not in html
    assert render("{{ label }}", label=translation.gettext_lazy("<b>")) == "&lt;b&gt;"


def test_years_before_1000_keep_four_digits():
    value = dt.datetime(999, 5, 1, 12, 0, tzinfo=dt.UTC)
    assert portal_jinja2.date(value, "Y-m-d") == defaultfilters.date(
        timezone.template_localtime(value), "Y-m-d"
    )


def test_fragments_are_dropped_after_the_maximum_age(settings, monkeypatch):
    from core import cache as page_cache

    settings.PORTAL_MEMO_MAX_AGE = 30
    extension = env().extensions["core.jinja2.FragmentCacheExtension"]
    clock = [5000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(portal_jinja2.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(extension, "fragments", {})
    monkeypatch.setattr(extension, "started", clock[0])
    template = env().from_string('{% cache "aged" %}{{ value }}{% endcache %}')
    assert template.render(value="旧") == "旧"
    clock[0] += 10
    assert template.render(value="新") == "旧"
    clock[0] += 31
    assert template.render(value="新") == "新"


def test_templates_compiled_per_language_refuse_a_shared_bytecode_cache(tmp_path):
    from django.core.exceptions import ImproperlyConfigured
    from jinja2 import FileSystemBytecodeCache

    options = {"environment": "core.jinja2.environment"}
    params = {"NAME": "pages", "DIRS": [], "APP_DIRS": False, "OPTIONS": options}
    assert portal_jinja2.PortalJinja2(params).env.language == translation.get_language()
    options["bytecode_cache"] = FileSystemBytecodeCache(str(tmp_path))
    with pytest.raises(ImproperlyConfigured):
        portal_jinja2.PortalJinja2(params)
