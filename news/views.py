"""Public news pages: home, the filtered article list and one article."""

import io
from functools import lru_cache

import segno
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _

from association.models import Page
from core.cache import VersionMemo
from core.pagination import CachedCountPaginator
from members.models import Zone

from .catalog import catalog
from .filters import ArticleFilter
from .models import Article, Category

PAGE_SIZE = 20
HOME_BLOCK_SIZE = 8
NOTICES_SLUG = "notices"
INTRO_PAGE_SLUG = "intro"


def paginate(request, queryset, per_page=PAGE_SIZE, *, deferred_join=False):
    """A page of ``queryset``; a malformed or out-of-range ``page`` gives the nearest page."""
    paginator = CachedCountPaginator(queryset, per_page, deferred_join=deferred_join)
    page = paginator.get_page(request.GET.get("page"))
    page.elided_range = list(
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page


def home(request):
    """Carousel, headline, latest per column, notices, zone highlights, association intro."""
    published = Article.objects.published().newest_first()
    block = Article.objects.published().order_by("-is_pinned", "-published_at", "-pk")
    columns = list(
        Category.objects.for_home().prefetch_related(
            Prefetch(
                "articles",
                # Everything includes/article_items.html reads, so each block costs nothing more.
                queryset=block.select_related("zone").only(
                    "id",
                    "title",
                    "published_at",
                    "category_id",
                    "is_pinned",
                    "zone__slug",
                    "zone__name",
                    "zone__short_name",
                    "zone__is_active",
                )[:HOME_BLOCK_SIZE],
                to_attr="latest",
            )
        )
    )
    notices = next((c for c in columns if c.slug == NOTICES_SLUG), None)
    context = {
        "carousel": list(published.filter(is_carousel=True).exclude(cover="")[:5]),
        "headline": published.filter(is_headline=True).select_related("zone").first(),
        "columns": [c for c in columns if c is not notices],
        "notices": notices,
        "zones": list(
            Zone.objects.published()
            .filter(role__in=[Zone.Role.PRESIDENT, Zone.Role.VICE_PRESIDENT])
            .select_related("region")[:8]
        ),
        "intro": Page.objects.published().filter(slug=INTRO_PAGE_SLUG).first(),
    }
    return render(request, "news/home.html", context)


def article_list(request):
    """``/news/``: published articles, newest first (best match first for a search),
    filtered per the URL contract."""
    published = Article.objects.published()
    # Search results quote the body in their snippets; plain lists never show it.
    base = published.with_relations() if request.GET.get("q") else published.for_list()
    base = base.newest_first()
    article_filter = ArticleFilter(request.GET or None, queryset=base)
    # An unbound filter (no query string) is not "valid" but must list everything.
    queryset = (
        article_filter.qs
        if article_filter.is_valid() or not article_filter.is_bound
        else base.none()
    )
    narrowing = [name for name in article_filter.filters if name not in ("q", "sort")]
    context = {
        "filter": article_filter,
        "page_obj": paginate(request, queryset, deferred_join=True),
        "is_filtered": any(request.GET.get(name) for name in article_filter.filters),
        # The parsed search (None without one), for highlighting and its messages.
        "search_query": article_filter.search_query,
        "is_narrowed": any(request.GET.get(name) for name in narrowing),
        "crumbs": [(_("资讯中心"), None)],
    }
    return render(request, "news/article_list.html", context)


def newest_in_column(category_id: int, zone_id: int | None) -> tuple[int, list[Article]]:
    """The six newest public articles of a column (of one zone, when given), and the
    content version they belong to.

    Every article page of that column and zone lists them as related articles, so each
    process reads them once per content version (any change to an article makes a new
    one) instead of once per page.
    """
    return _newest_in_column.get_versioned(
        (category_id, zone_id),
        lambda: list(
            Article.objects.published()
            .filter(category_id=category_id, **({"zone_id": zone_id} if zone_id else {}))
            # Everything includes/article_items.html reads, so the list is one query.
            .select_related("zone")
            .only(
                "id",
                "title",
                "published_at",
                "is_pinned",
                "zone__slug",
                "zone__name",
                "zone__short_name",
                "zone__is_active",
            )
            .newest_first()[:6]
        ),
    )


_newest_in_column = VersionMemo()


def article_detail(request, pk: int):
    """One article. Staff with preview permission also see unpublished ones, never cached."""
    article = Article.objects.with_neighbours(pk)
    if article is None:
        raise Http404
    catalog().attach(article)
    preview = not article.is_public
    if preview and not request.user.has_perm("news.preview_article"):
        raise Http404
    if not preview:
        article.record_view()
    list_url = reverse("news:article-list")
    context = {
        "crumbs": [(_("资讯中心"), list_url)]
        + [(c.name, c.get_absolute_url()) for c in article.category.ancestors()]
        + [(article.category.name, article.category.get_absolute_url()), (_("正文"), None)],
        "article": article,
        "preview": preview,
        "previous": article.neighbours.get("previous"),
        "next": article.neighbours.get("next"),
    }
    version, newest = newest_in_column(article.category_id, article.zone_id)
    related = context["related"] = [a for a in newest if a != article][:5]
    # Its rendered list is shared by the pages of the column (and zone) until a change.
    context["related_key"] = f"{version}:{','.join(str(a.pk) for a in related)}"
    response = render(request, "news/article_detail.html", context)
    if preview:
        add_never_cache_headers(response)
    return response


@lru_cache(maxsize=256)
def qr_svg(url: str) -> bytes:
    """An SVG document of the QR code for ``url``; segno only encodes it into modules."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, border=2, light="#fff")
    return out.getvalue()


def article_qr(request, pk: int):
    """The WeChat QR code of a public article's address, as an image.

    An image rather than inline SVG: the article page stays lighter, the code is drawn
    (a few milliseconds of CPU per address) only when a reader scrolls to it, and
    browsers, the page cache and a CDN keep it, since an article's address never changes.
    """
    if not Article.objects.published().filter(pk=pk).exists():
        raise Http404
    url = request.build_absolute_uri(reverse("news:article-detail", args=[pk]))
    response = HttpResponse(qr_svg(url), content_type="image/svg+xml")
    patch_cache_control(response, public=True, max_age=86400)
    return response
