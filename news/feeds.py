"""RSS feeds of published articles: the latest, per column and per zone.

Links are made absolute by the syndication framework from the request's host (the
project does not use django.contrib.sites, so Django falls back to ``RequestSite``).
"""

import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from association.models import SiteSettings
from members.models import Zone

from .models import Article, Category

FEED_SIZE = 30
# Characters XML 1.0 cannot carry at all; pasted into a title or summary, they would make
# the serializer raise and the whole feed fail.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value):
    if isinstance(value, str):
        return XML_FORBIDDEN.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(_xml_safe(item) for item in value)
    return value


class PortalRssFeed(Rss201rev2Feed):
    """RSS 2.0 that drops the characters XML cannot hold instead of failing."""

    def write(self, outfile, encoding):
        self.feed = {key: _xml_safe(value) for key, value in self.feed.items()}
        self.items = [{key: _xml_safe(value) for key, value in item.items()} for item in self.items]
        super().write(outfile, encoding)


class LatestArticlesFeed(Feed):
    """``/feeds/latest/``: the newest published articles of every column."""

    language = "zh-cn"
    feed_type = PortalRssFeed

    def articles(self, obj):
        """The feed's queryset; every feed starts from ``published()``."""
        return Article.objects.published().for_list().newest_first()

    def items(self, obj):
        return self.articles(obj)[:FEED_SIZE]

    def title(self, obj):
        return _("%(site)s · 最新资讯") % {"site": SiteSettings.load().name}

    def description(self, obj):
        return _("%(site)s发布的最新资讯。") % {"site": SiteSettings.load().name}

    def link(self, obj):
        return reverse("news:article-list")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS descriptions are HTML to feed readers; the lead is plain text, so escape it.
        return escape(item.lead)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author or item.source or None

    def item_categories(self, item):
        names = [item.category.name]
        if item.zone is not None:
            names.append(item.zone.name)
        return names


class CategoryArticlesFeed(LatestArticlesFeed):
    """``/feeds/category/<slug>/``: one column's latest articles."""

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def articles(self, obj):
        return super().articles(obj).filter(category=obj)

    def title(self, obj):
        return _("%(site)s · %(column)s") % {"site": SiteSettings.load().name, "column": obj.name}

    def description(self, obj):
        return _("%(site)s“%(column)s”栏目的最新文章。") % {
            "site": SiteSettings.load().name,
            "column": obj.name,
        }

    def link(self, obj):
        return obj.get_absolute_url()


class ZoneArticlesFeed(LatestArticlesFeed):
    """``/feeds/zone/<slug>/``: one member zone's latest articles."""

    def get_object(self, request, slug):
        return get_object_or_404(Zone.objects.published(), slug=slug)

    def articles(self, obj):
        return super().articles(obj).filter(zone=obj)

    def title(self, obj):
        return _("%(site)s · %(zone)s") % {"site": SiteSettings.load().name, "zone": obj.name}

    def description(self, obj):
        return _("%(zone)s在%(site)s发布的最新动态。") % {
            "site": SiteSettings.load().name,
            "zone": obj.name,
        }

    def link(self, obj):
        return obj.get_absolute_url()
