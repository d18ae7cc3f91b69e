"""Sitemap sections for articles, columns and the site's fixed pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Category


class ArticleSitemap(Sitemap):
    """Published articles only (a scheduled one appears once its time has come)."""

    changefreq = "monthly"
    priority = 0.6
    # Small pages keep each response quick on a large site; the index lists them all.
    limit = 5000

    def items(self):
        return Article.objects.published().only("id", "updated_at").order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(Sitemap):
    """Each column's article list."""

    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Category.objects.only("slug").order_by("order", "pk")


class StaticViewSitemap(Sitemap):
    """Pages without a model of their own: home, lists, the guestbook."""

    changefreq = "daily"
    priority = 0.8
    url_names = ["news:home", "news:article-list", "members:zone-list", "guestbook"]

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)
