"""``manage.py seed_demo``: a complete, idempotent demo site."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from association.models import Link, LinkGroup, Page, SiteSettings
from members.models import Zone, ZoneMembership
from members.permissions import is_zone_staff, member_zones
from news.models import Article, ArticleEvent, Category

PASSWORD = "seed-pass-4821"
MODELS = [
    get_user_model(),
    Group,
    SiteSettings,
    Page,
    LinkGroup,
    Link,
    Category,
    Zone,
    ZoneMembership,
    Article,
    ArticleEvent,
]


def seed(articles=30, password=PASSWORD) -> str:
    out = StringIO()
    call_command("seed_demo", "--articles", str(articles), "--password", password, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_accounts_exist_with_the_password_and_their_roles():
    seed()
    users = {u.username: u for u in get_user_model().objects.all()}
    for name in ("admin", "editor", "reviewer", "contributor"):
        assert users[name].check_password(PASSWORD), name
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert users["editor"].is_staff and not users["editor"].is_superuser
    assert users["editor"].has_perm("news.change_article")
    assert users["editor"].has_perm("news.preview_article")
    assert users["editor"].has_perm("members.add_zone")
    assert users["reviewer"].is_staff and users["reviewer"].has_perm("news.review_article")
    assert not users["reviewer"].has_perm("news.add_article")
    contributor = users["contributor"]
    assert not contributor.is_staff and not contributor.is_superuser
    assert is_zone_staff(contributor) and member_zones(contributor).count() == 1


@pytest.mark.django_db
def test_site_pages_links_and_columns():
    seed()
    settings = SiteSettings.objects.get(pk=1)
    assert settings.name and settings.icp_number
    assert set(Page.objects.values_list("slug", flat=True)) >= {
        "intro",
        "charter",
        "functions",
        "organization",
        "contact",
    }
    assert Page.objects.get(slug="intro").summary
    assert set(LinkGroup.objects.values_list("name", flat=True)) == {
        "政府部门",
        "行业协会",
        "新闻媒体",
        "友情链接",
    }
    for group in LinkGroup.objects.all():
        assert 4 <= group.links.count() <= 8
    slugs = set(Category.objects.values_list("slug", flat=True))
    assert {
        "association-news",
        "park-express",
        "provincial-zones",
        "notices",
        "policies",
        "investment",
    } <= slugs
    assert Category.objects.get(slug="national-policies").parent.slug == "policies"
    assert Category.objects.get(slug="park-express").open_for_contributions


@pytest.mark.django_db
def test_zones_span_provinces_kinds_and_roles():
    seed()
    zones = Zone.objects.all()
    assert 20 <= zones.count() <= 40
    assert len({zone.region_id[:2] for zone in zones}) >= 5
    assert zones.filter(role=Zone.Role.PRESIDENT).count() == 1
    assert zones.filter(role=Zone.Role.VICE_PRESIDENT).count() >= 2
    assert len(set(zones.values_list("kind", flat=True))) >= 4
    assert len(set(zones.values_list("level", flat=True))) == 3
    assert all(zone.slug for zone in zones)


@pytest.mark.django_db
def test_articles_cover_the_home_page_needs():
    seed()
    now = timezone.now()
    articles = Article.objects.filter(created_by__isnull=True)  # generated, not contributions
    assert articles.count() == 30
    assert Article.objects.published().count() >= 20
    assert articles.filter(status=Article.Status.PUBLISHED, published_at__gt=now).count() == 1
    assert articles.filter(status=Article.Status.DRAFT).exists()
    pending = articles.filter(status=Article.Status.PENDING)
    assert pending.exists()
    assert all(a.submitted_by.username == "contributor" for a in pending)
    headline = Article.objects.published().get(is_headline=True)
    assert headline.cover
    carousel = Article.objects.published().filter(is_carousel=True).exclude(cover="")
    assert carousel.count() == 5
    for article in carousel:
        assert article.cover_alt and default_storage.exists(article.cover.name)
    assert Article.objects.published().filter(category__slug="notices", is_pinned=True).exists()
    assert Article.objects.published().filter(zone__isnull=False).exists()
    sample = articles.exclude(body="").first()
    assert sample.body.count("<p>") >= 3


@pytest.mark.django_db
def test_second_run_changes_nothing():
    seed()
    before = counts()
    hashes = dict(get_user_model().objects.values_list("username", "password"))
    output = seed()
    assert counts() == before
    assert dict(get_user_model().objects.values_list("username", "password")) == hashes
    assert "nothing" in output


@pytest.mark.django_db
def test_rerun_tops_up_articles_and_resets_passwords():
    seed(articles=10, password="another-pass-77")
    generated = Article.objects.filter(created_by__isnull=True).order_by("pk")
    first_titles = list(generated.values_list("title", flat=True))
    seed(articles=30)
    assert Article.objects.filter(created_by__isnull=True).count() == 30
    assert get_user_model().objects.get(username="editor").check_password(PASSWORD)
    # The top-up continues the same deterministic sequence.
    assert list(generated.values_list("title", flat=True))[:10] == first_titles
    seed(articles=20)  # never deletes
    assert Article.objects.filter(created_by__isnull=True).count() == 30


@pytest.mark.django_db
def test_contributor_has_an_item_in_every_review_state():
    from django.core import mail

    seed()
    statuses = set(
        Article.objects.filter(submitted_by__username="contributor").values_list(
            "status", flat=True
        )
    )
    assert {
        Article.Status.DRAFT,
        Article.Status.PENDING,
        Article.Status.RETURNED,
        Article.Status.REJECTED,
        Article.Status.PUBLISHED,
    } <= statuses
    returned = Article.objects.get(
        submitted_by__username="contributor", status=Article.Status.RETURNED
    )
    assert returned.events.last().comment  # the reviewer's comment is on record
    assert mail.outbox == []  # seeding sends no notifications
