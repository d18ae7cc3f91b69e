"""factory_boy factories for every app's models."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from association.models import Link, LinkGroup, Page
from members.models import Region, Zone
from news.models import Article, Category


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("pass-word-123")


class StaffFactory(UserFactory):
    is_staff = True


def region(code: str) -> Region:
    """A real GB/T 2260 division (loaded by the members data migration)."""
    return Region.objects.get(code=code)


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    name = factory.Sequence(lambda n: f"测试经济技术开发区{n}号")
    kind = Zone.Kind.ETDZ
    level = Zone.Level.NATIONAL
    region = factory.LazyFunction(lambda: region("430102"))


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"column-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"园区新闻标题第{n}篇")
    category = factory.SubFactory(CategoryFactory)
    summary = "一段摘要。"
    body = "<p>正文第一段。</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"协会页面{n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body = "<p>页面正文。</p>"


class LinkGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LinkGroup

    name = factory.Sequence(lambda n: f"链接分组{n}")


class LinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Link

    group = factory.SubFactory(LinkGroupFactory)
    name = factory.Sequence(lambda n: f"链接{n}")
    url = factory.Sequence(lambda n: f"https://example.org/{n}")
