"""The public article filter behind ``/news/`` (URL parameters are part of the contract)."""

import datetime as dt

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.filters import (
    RegionChoiceFilter,
    RegionNarrowingMixin,
    RememberedModelChoiceFilter,
    model_options,
)
from members.models import Zone

from .models import Article, Category
from .search import match_articles, order_by_relevance, parse_query

QUERY_MAX_LENGTH = 100
NEWEST = "new"
EARLIEST_DATE, LATEST_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
DATE_HELP = _("请按“年-月-日”格式输入日期，例如 2025-03-01。")


class ArticleFilter(RegionNarrowingMixin, django_filters.FilterSet):
    """Filter published articles by column, zone, region, date range and keywords.

    Build it on ``Article.objects.published()``; an invalid parameter makes the form
    invalid and the view shows its message with an empty result. With keywords, the best
    matches come first unless ``sort=new``; ``search_query`` then holds the parsed search.
    """

    q = django_filters.CharFilter(
        label=_("关键词"),
        method="filter_query",
        max_length=QUERY_MAX_LENGTH,
        error_messages={"max_length": _("关键词太长了，请不要超过 %(limit_value)d 个字。")},
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("如：复工复产 高新区 -招聘")}
        ),
        help_text=_("多个词用空格隔开；用引号搜索整个短语，词前加减号排除，OR 表示“或”。"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("排序"),
        method="filter_sort",
        choices=[(NEWEST, _("最新发布在前"))],
        empty_label=_("最相关的在前"),
        error_messages={"invalid_choice": _("没有这种排序方式，请从列表中选择。")},
    )
    category = RememberedModelChoiceFilter(
        label=_("栏目"),
        field_name="category",
        to_field_name="slug",
        queryset=Category.objects.all(),
        remember_as="categories",
        empty_label=_("全部栏目"),
        error_messages={"invalid_choice": _("没有这个栏目，请从列表中选择。")},
    )
    zone = RememberedModelChoiceFilter(
        label=_("园区"),
        field_name="zone",
        to_field_name="slug",
        queryset=Zone.objects.published(),
        remember_as="published-zones",
        empty_label=_("全部园区"),
        error_messages={"invalid_choice": _("没有这个园区，请从列表中选择。")},
    )
    region = RegionChoiceFilter(label=_("地区"), field_name="zone__region")
    date_from = django_filters.DateFilter(
        label=_("起始日期"),
        method="filter_date_from",
        error_messages={"invalid": DATE_HELP},
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("截止日期"),
        method="filter_date_to",
        error_messages={"invalid": DATE_HELP},
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Article
        fields = ["q", "category", "zone", "region", "date_from", "date_to", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.clean = self._clean_form
        self.search_query = None
        for name in ("category", "zone"):
            field = self.form.fields[name]
            field.widget.choices = model_options(f"article-filter-{name}", field)

    def _clean_form(self):
        cleaned = forms.Form.clean(self.form)
        for name in ("date_from", "date_to"):
            day = cleaned.get(name)
            # Far dates overflow the time-zone and next-day arithmetic of the date filters.
            if day and not (EARLIEST_DATE <= day <= LATEST_DATE):
                self.form.add_error(name, _("请输入 1900 年到 2100 年之间的日期。"))
                cleaned.pop(name, None)
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        return cleaned

    def filter_queryset(self, queryset):
        """Apply the filters, then order a search by relevance (the ranking looks at the
        newest matches, so it must come after every other filter)."""
        queryset = super().filter_queryset(queryset)
        if self.search_query is not None:
            newest_first = self.form.cleaned_data.get("sort") == NEWEST
            queryset = order_by_relevance(queryset, self.search_query, newest_first=newest_first)
        return queryset

    def filter_query(self, queryset, name, value):
        """Chinese-aware full-text search (news.search)."""
        self.search_query = parse_query(value)
        return match_articles(queryset, self.search_query)

    def filter_sort(self, queryset, name, value):
        """Nothing to do here: ``filter_queryset`` orders a search (others: newest first)."""
        return queryset

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(published_at__gte=_start_of_day(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(published_at__lt=_start_of_day(value + dt.timedelta(days=1)))


def _start_of_day(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in the site's time zone, so the range index is usable."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
