"""Public member-zone directory and zone profiles."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from news.views import paginate

from .filters import ZoneFilter
from .models import Zone


def zone_list(request):
    """``/zones/``: the member directory, filtered by region, level, kind and name."""
    base = Zone.objects.published().select_related("region")
    zone_filter = ZoneFilter(request.GET or None, queryset=base)
    # An unbound filter (no query string) is not "valid" but must list everything.
    queryset = zone_filter.qs if zone_filter.is_valid() or not zone_filter.is_bound else base.none()
    return render(
        request,
        "members/zone_list.html",
        {
            "filter": zone_filter,
            "page_obj": paginate(request, queryset, per_page=24),
            "crumbs": [(_("会员园区"), None)],
        },
    )


def zone_detail(request, slug: str):
    """``/zones/<slug>/``: a zone's profile and its published articles."""
    zone = get_object_or_404(
        Zone.objects.published().select_related("region__parent__parent"), slug=slug
    )
    region_path, region = [], zone.region
    while region is not None:
        region_path.insert(0, region)
        region = region.parent
    # Through the related manager each article knows its zone without another query.
    articles = (
        zone.articles.published()
        .select_related("category")
        .defer("body", "search_document")
        .newest_first()
    )
    return render(
        request,
        "members/zone_detail.html",
        {
            "zone": zone,
            "region_path": region_path,
            "page_obj": paginate(request, articles, deferred_join=True),
            "crumbs": [(_("会员园区"), reverse("members:zone-list")), (zone.name, None)],
        },
    )
