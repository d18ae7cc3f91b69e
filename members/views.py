"""Public member-zone directory and zone profiles."""

from django.shortcuts import get_object_or_404, render

from news.models import Article
from news.views import paginate

from .filters import ZoneFilter
from .models import Zone


def zone_list(request):
    """``/zones/``: the member directory, filtered by region, level, kind and name."""
    base = Zone.objects.published().select_related("region", "region__parent")
    zone_filter = ZoneFilter(request.GET or None, queryset=base)
    queryset = zone_filter.qs if zone_filter.is_valid() else base.none()
    return render(
        request,
        "members/zone_list.html",
        {"filter": zone_filter, "page_obj": paginate(request, queryset, per_page=24)},
    )


def zone_detail(request, slug: str):
    """``/zones/<slug>/``: a zone's profile and its published articles."""
    zone = get_object_or_404(
        Zone.objects.published().select_related("region", "region__parent"), slug=slug
    )
    articles = (
        Article.objects.published().filter(zone=zone).select_related("category").newest_first()
    )
    return render(
        request,
        "members/zone_detail.html",
        {"zone": zone, "page_obj": paginate(request, articles)},
    )
