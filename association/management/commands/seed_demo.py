"""``manage.py seed_demo``: a complete demo portal, idempotently.

Creates what is missing and leaves existing rows alone (so edits made in the admin
survive a re-run); only the demo accounts are brought back to the documented state
(flags, groups and the ``--password``). Demo articles are counted and only the shortfall
up to ``--articles`` is created, in batches, so ``--articles 100000`` stays quick.
"""

import argparse
import io
import random
from collections import Counter

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from PIL import Image, ImageDraw

from association import demo_articles, demo_content
from association.demo_contributions import seed_contributions
from association.models import Link, LinkGroup, Page, SiteSettings
from core.progress import Progress
from members.models import Region, Zone, ZoneMembership
from news.models import Article, ArticleEvent, Category

BATCH_SIZE = 1000
PROGRESS_FROM = 5000  # articles; smaller seeds finish before a bar would help
ROLE_ORDER = {"president": 10, "vice_president": 20, "director": 30, "member": 40}

EDITOR_GROUP = "编辑"
EDITOR_PERMISSIONS = [
    f"{app}.{action}_{model}"
    for app, model in [
        ("news", "article"),
        ("news", "category"),
        ("association", "page"),
        ("association", "link"),
        ("association", "linkgroup"),
        ("members", "zone"),
    ]
    for action in ("add", "change", "view")
] + ["news.preview_article"]
REVIEWER_GROUP = "审核"
REVIEWER_PERMISSIONS = [
    "news.view_article",
    "news.change_article",
    "news.preview_article",
    "news.review_article",
]

# Gradient colours (top, bottom) of the generated cover images.
COVER_PALETTES = [
    ((14, 58, 120), (64, 160, 210)),
    ((20, 90, 80), (120, 200, 150)),
    ((110, 30, 40), (235, 130, 80)),
    ((40, 40, 100), (150, 110, 200)),
    ((10, 80, 120), (240, 190, 90)),
    ((30, 60, 60), (110, 180, 190)),
]


def non_negative_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def render_cover(index: int) -> bytes:
    """A 1200×675 JPEG: a gradient sky, soft light shapes and a skyline of buildings."""
    width, height = 1200, 675
    top, bottom = COVER_PALETTES[index % len(COVER_PALETTES)]
    mask = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(
        Image.new("RGB", (width, height), bottom), Image.new("RGB", (width, height), top), mask
    ).convert("RGBA")
    overlay = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    rng = random.Random(f"cover:{index}")
    sun_x, sun_y = rng.randint(700, 1050), rng.randint(90, 220)
    for radius, alpha in ((150, 30), (100, 50), (60, 90)):
        draw.ellipse(
            (sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius),
            fill=(255, 255, 240, alpha),
        )
    for _ in range(3):  # diagonal light bands
        x = rng.randint(-200, 900)
        draw.polygon(
            [(x, 0), (x + 140, 0), (x + 440, height), (x + 300, height)],
            fill=(255, 255, 255, 18),
        )
    for layer, (shade, alpha, low, high) in enumerate(
        (((30, 50, 80), 120, 140, 320), ((12, 24, 40), 220, 80, 240))
    ):
        x = -rng.randint(0, 40)
        while x < width:
            w, h = rng.randint(50, 120), rng.randint(low, high)
            draw.rectangle((x, height - h, x + w, height), fill=(*shade, alpha))
            if layer:  # lit windows on the front row
                for wy in range(height - h + 16, height - 16, 22):
                    for wx in range(x + 10, x + w - 12, 18):
                        if rng.random() < 0.35:
                            draw.rectangle((wx, wy, wx + 7, wy + 10), fill=(255, 220, 140, 170))
            x += w + rng.randint(4, 24)
    image = Image.alpha_composite(image, overlay).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


class Command(BaseCommand):
    help = (
        "Create idempotent demo content: site settings, association pages, footer links, "
        "columns, member zones, articles and the accounts admin, editor, reviewer and "
        "contributor."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=non_negative_int,
            default=120,
            help="Number of demo articles the site should have (default 120).",
        )
        parser.add_argument(
            "--password",
            default="demo12345",
            help="Password of every demo account (default demo12345); re-runs reset it.",
        )

    # Demo contributions go through the workflow, which mails reviewers; not for seeding.
    @override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    def handle(self, *args, articles: int, password: str, **options):
        self.verbosity = options["verbosity"]
        if not password:
            raise CommandError("--password must not be empty.")
        self.created = Counter()
        covers = self.ensure_covers()
        with transaction.atomic():
            self.seed_site()
            self.seed_pages()
            self.seed_links()
            columns = self.seed_columns()
            zones = self.seed_zones()
            users = self.seed_accounts(password, zones)
            self.seed_articles(articles, columns, zones, users["contributor"], covers)
            self.created["contributions"] += seed_contributions(
                contributor=users["contributor"],
                reviewer=users["reviewer"],
                zone=zones[demo_content.CONTRIBUTOR_ZONE],
                column=columns["park-express"],
            )
        self.report()

    # --- site chrome -------------------------------------------------------------------

    def ensure_covers(self) -> list[str]:
        """Stored names of the cover images, generated only when missing."""
        names = []
        for index in range(demo_articles.COVER_COUNT):
            name = f"covers/demo/cover-{index + 1}.jpg"
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(render_cover(index)))
                self.created["cover images"] += 1
            names.append(name)
        return names

    def seed_site(self):
        _, made = SiteSettings.objects.get_or_create(pk=1, defaults=demo_content.SITE)
        self.created["site settings"] += made

    def seed_pages(self):
        for slug, title, order, summary, body in demo_content.PAGES:
            _, made = Page.objects.get_or_create(
                slug=slug,
                defaults={"title": title, "order": order, "summary": summary, "body": body},
            )
            self.created["pages"] += made

    def seed_links(self):
        for group_order, (group_name, links) in enumerate(demo_content.LINK_GROUPS.items()):
            group, made = LinkGroup.objects.get_or_create(
                name=group_name, defaults={"order": (group_order + 1) * 10}
            )
            self.created["link groups"] += made
            for order, (name, url) in enumerate(links):
                _, made = Link.objects.get_or_create(
                    group=group, name=name, defaults={"url": url, "order": (order + 1) * 10}
                )
                self.created["links"] += made

    def seed_columns(self) -> dict[str, Category]:
        columns = {}
        for column in demo_content.COLUMNS:
            columns[column.slug], made = Category.objects.get_or_create(
                slug=column.slug,
                defaults={
                    "name": column.name,
                    "order": column.order,
                    "description": column.description,
                    "parent": columns.get(column.parent) if column.parent else None,
                    "show_on_home": column.show_on_home,
                    "open_for_contributions": column.open_for_contributions,
                },
            )
            self.created["columns"] += made
        return columns

    # --- zones and people --------------------------------------------------------------

    def seed_zones(self) -> dict[str, Zone]:
        codes = {seed.region for seed in demo_content.ZONES}
        regions = Region.objects.select_related("parent__parent").in_bulk(codes)
        missing = sorted(codes - set(regions))
        if missing:
            raise CommandError(
                f"Regions {', '.join(missing)} are missing: run `manage.py migrate` first."
            )
        zones = {}
        for index, seed in enumerate(demo_content.ZONES):
            region = regions[seed.region]
            place = region_path(region)
            zone, made = Zone.objects.get_or_create(
                name=seed.name,
                defaults={
                    "short_name": seed.short_name,
                    "kind": seed.kind,
                    "level": seed.level,
                    "role": seed.role,
                    "region": region,
                    "established": seed.established,
                    "area_km2": seed.area_km2,
                    "industries": seed.industries,
                    "website": seed.website,
                    "contact_phone": demo_content.zone_phone(seed, index + 1),
                    "contact_address": demo_content.zone_address(seed, place),
                    "introduction": demo_content.zone_introduction(
                        seed, place, Zone.Kind(seed.kind).label, Zone.Level(seed.level).label
                    ),
                    "order": ROLE_ORDER[seed.role] + index,
                },
            )
            self.created["zones"] += made
            zones[seed.name] = zone
        return zones

    def group(self, name: str, permissions: list[str]) -> Group:
        group, made = Group.objects.get_or_create(name=name)
        self.created["groups"] += made
        perms = []
        for dotted in permissions:
            app_label, codename = dotted.split(".")
            try:
                perms.append(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )
            except Permission.DoesNotExist as exc:
                raise CommandError(f"Permission {dotted} is missing: run migrate.") from exc
        have = set(group.permissions.values_list("pk", flat=True))
        if missing := [perm for perm in perms if perm.pk not in have]:
            group.permissions.add(*missing)
        return group

    def user(self, username, password, *, first_name, staff=False, superuser=False, groups=()):
        User = get_user_model()
        user, made = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "email": f"{username}@example.org"},
        )
        self.created["accounts"] += made
        changed = made
        for attr, value in (("is_active", True), ("is_staff", staff), ("is_superuser", superuser)):
            if getattr(user, attr) != value:
                setattr(user, attr, value)
                changed = True
        if not user.check_password(password):
            user.set_password(password)
            changed = True
        if changed:
            user.save()
        have = set(user.groups.values_list("pk", flat=True))
        if missing := [group for group in groups if group.pk not in have]:
            user.groups.add(*missing)
        return user

    def seed_accounts(self, password: str, zones: dict[str, Zone]) -> dict:
        editors = self.group(EDITOR_GROUP, EDITOR_PERMISSIONS)
        reviewers = self.group(REVIEWER_GROUP, REVIEWER_PERMISSIONS)
        users = {
            "admin": self.user("admin", password, first_name="管理员", staff=True, superuser=True),
            "editor": self.user(
                "editor", password, first_name="编辑", staff=True, groups=[editors]
            ),
            "reviewer": self.user(
                "reviewer", password, first_name="审核员", staff=True, groups=[reviewers]
            ),
            # Zone staff use the public site only: never is_staff.
            "contributor": self.user("contributor", password, first_name="园区投稿员"),
        }
        _, made = ZoneMembership.objects.get_or_create(
            user=users["contributor"],
            zone=zones[demo_content.CONTRIBUTOR_ZONE],
            defaults={"role": ZoneMembership.Role.CONTRIBUTOR},
        )
        self.created["zone memberships"] += made
        return users

    # --- articles ----------------------------------------------------------------------

    def seed_articles(self, total, columns, zones, contributor, covers):
        existing = demo_article_queryset().count()
        if existing >= total:
            return
        demo_zones = [self.demo_zone(zone) for zone in zones.values()]
        ctx = demo_articles.Context(
            now=timezone.now(),
            association=demo_content.SITE["name"],
            zones=demo_zones,
            contributor_zone=next(z for z in demo_zones if z.name == demo_content.CONTRIBUTOR_ZONE),
        )
        # A bar with rate and ETA on a terminal, lines in a log; silent for small seeds.
        progress = Progress(
            self,
            total - existing,
            verbosity=self.verbosity if total - existing >= PROGRESS_FROM else 0,
            desc="articles",
            unit="art",
            line="articles: %(done)d/%(total)d",
        )
        for start in range(existing, total, BATCH_SIZE):
            batch, submitted = [], []
            for index in range(start, min(start + BATCH_SIZE, total)):
                fields = demo_articles.build_article(index, ctx)
                article = self.article(fields, columns, contributor, covers)
                batch.append(article)
                if fields["contribution"]:
                    submitted.append(article)
            Article.objects.bulk_create(batch)
            ArticleEvent.objects.bulk_create(
                ArticleEvent(
                    article=article,
                    actor=contributor,
                    action=ArticleEvent.Action.SUBMITTED,
                    from_status=Article.Status.DRAFT,
                    to_status=Article.Status.PENDING,
                )
                for article in submitted
            )
            self.created["articles"] += len(batch)
            progress.update(start + len(batch) - existing)
        progress.close()

    @staticmethod
    def demo_zone(zone: Zone) -> demo_articles.DemoZone:
        region = zone.region
        city = region.parent if region.level == Region.Level.COUNTY and region.parent else region
        return demo_articles.DemoZone(
            pk=zone.pk,
            name=zone.name,
            short_name=zone.short_name or zone.name,
            city=city.name,
            level=zone.level,
            industries=tuple(zone.industries.split("、")) if zone.industries else ("制造业",),
        )

    @staticmethod
    def article(fields, columns, contributor, covers) -> Article:
        contribution = fields["contribution"]
        cover = fields["cover"]
        return Article(
            title=fields["title"],
            category=columns[fields["category"]],
            zone_id=fields["zone"],
            source=fields["source"],
            author=fields["author"],
            publisher=fields["publisher"],
            summary=fields["summary"],
            body=fields["body"],
            status=fields["status"],
            published_at=fields["published_at"],
            is_headline=fields["is_headline"],
            is_carousel=fields["is_carousel"],
            is_pinned=fields["is_pinned"],
            view_count=fields["view_count"],
            cover=covers[cover] if cover is not None else "",
            cover_alt=demo_articles.COVER_ALT if cover is not None else "",
            submitted_by=contributor if contribution else None,
            submitted_at=fields["published_at"] if contribution else None,
        )

    # --- summary -----------------------------------------------------------------------

    def report(self):
        made = ", ".join(f"{n} {what}" for what, n in self.created.items() if n)
        self.stdout.write(f"Created this run: {made or 'nothing (everything already existed)'}.")
        zones = Zone.objects.all()
        provinces = {code[:2] for code in zones.values_list("region_id", flat=True)}
        demo = demo_article_queryset()
        now = timezone.now()
        published = demo.filter(status=Article.Status.PUBLISHED)
        self.stdout.write(
            f"Zones: {zones.count()} in {len(provinces)} provinces. "
            f"Columns: {Category.objects.count()}. Pages: {Page.objects.count()}. "
            f"Footer links: {Link.objects.count()} in {LinkGroup.objects.count()} groups."
        )
        self.stdout.write(
            f"Articles: {Article.objects.count()} in all, {demo.count()} demo "
            f"({published.filter(published_at__lte=now).count()} published, "
            f"{published.filter(published_at__gt=now).count()} scheduled, "
            f"{demo.filter(status=Article.Status.PENDING).count()} pending review, "
            f"{demo.filter(status=Article.Status.DRAFT).count()} drafts)."
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Accounts admin, editor, reviewer and contributor "
                f"(staff of {demo_content.CONTRIBUTOR_ZONE}) use the --password value."
            )
        )


def region_path(region: Region) -> str:
    """The full place name: 湖南省长沙市长沙县."""
    names = []
    while region is not None:
        names.insert(0, region.name)
        region = region.parent
    return "".join(names)


def demo_article_queryset():
    """Articles created by this command: a demo publisher and no creating user."""
    return Article.objects.filter(
        publisher__in=demo_articles.DEMO_PUBLISHERS, created_by__isnull=True
    )
