"""Sitemap section for member zones."""

from django.contrib.sitemaps import Sitemap

from .models import Zone


class ZoneSitemap(Sitemap):
    """Zones shown on the public site."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Zone.objects.published().only("slug", "updated_at").order_by("order", "name")

    def lastmod(self, item):
        return item.updated_at
