"""Public news pages: home, the filtered article list and one article."""

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from association.models import Page
from core.pagination import CachedCountPaginator
from members.models import Zone

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
                # Everything includes/article_item.html reads, so each block costs nothing more.
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


def article_detail(request, pk: int):
    """One article. Staff with preview permission also see unpublished ones, never cached."""
    article = get_object_or_404(Article.objects.with_relations(), pk=pk)
    preview = not article.is_public
    if preview and not request.user.has_perm("news.preview_article"):
        raise Http404
    if not preview:
        article.record_view()
    siblings = (
        Article.objects.published().filter(category_id=article.category_id).only("id", "title")
    )
    # Written as a range plus an exclusion (not an OR) so that each is one short walk of
    # the column index, in either direction.
    when = article.published_at
    older = siblings.filter(published_at__lte=when).exclude(published_at=when, pk__gte=article.pk)
    newer = siblings.filter(published_at__gte=when).exclude(published_at=when, pk__lte=article.pk)
    list_url = reverse("news:article-list")
    context = {
        "crumbs": [(_("资讯中心"), list_url)]
        + [(c.name, c.get_absolute_url()) for c in article.category.ancestors()]
        + [(article.category.name, article.category.get_absolute_url()), (_("正文"), None)],
        "article": article,
        "preview": preview,
        "previous": older.order_by("-published_at", "-pk").first(),
        "next": newer.order_by("published_at", "pk").first(),
        "related": list(
            siblings.exclude(pk=article.pk)
            .filter(Q(zone_id=article.zone_id) if article.zone_id else Q())
            # Everything includes/article_item.html reads, so the list is one query.
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
            .newest_first()[:5]
        ),
    }
    response = render(request, "news/article_detail.html", context)
    if preview:
        add_never_cache_headers(response)
    return response
