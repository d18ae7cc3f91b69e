"""The association's own pages."""

from django.shortcuts import get_object_or_404, render

from .models import Page


def page_detail(request, slug: str):
    """``/about/<slug>/``: 协会简介, 协会章程 and the like."""
    page = get_object_or_404(Page.objects.published(), slug=slug)
    return render(
        request, "association/page_detail.html", {"page": page, "crumbs": [(page.title, None)]}
    )
