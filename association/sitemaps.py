"""Sitemap section for the association's own pages."""

from django.contrib.sitemaps import Sitemap

from .models import Page


class PageSitemap(Sitemap):
    """Published association pages (简介, 章程 …)."""

    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Page.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at
