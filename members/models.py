"""Regions (GB/T 2260) and member zones."""

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pypinyin import lazy_pinyin

from core.models import AuditedModel
from core.richtext import RichTextField
from core.urls_cache import reverse as cached_reverse


class RegionQuerySet(models.QuerySet):
    def provinces(self):
        """Province-level divisions (省、自治区、直辖市)."""
        return self.filter(level=Region.Level.PROVINCE)

    def children_of(self, code: str):
        """Direct children of the division with ``code``."""
        return self.filter(parent_id=code)


class Region(models.Model):
    """An administrative division from GB/T 2260: province, city or county.

    The primary key is the 6-digit code. Codes nest by prefix (省 ``43xxxx`` contains
    市 ``4301xx`` contains 县 ``430102``), which ``code_prefix`` exploits so that a
    province or city matches everything inside it without walking the tree.
    """

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("省级")
        CITY = 2, _("地级")
        COUNTY = 3, _("县级")

    code = models.CharField(_("区划代码"), max_length=6, primary_key=True)
    name = models.CharField(_("名称"), max_length=50)
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级区划"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def code_prefix(self) -> str:
        """The leading digits shared by this division and everything inside it."""
        return {self.Level.PROVINCE: self.code[:2], self.Level.CITY: self.code[:4]}.get(
            self.level, self.code
        )

    @staticmethod
    def prefix_for_code(code: str) -> str:
        """``code_prefix`` computed from a code alone (``430000`` → ``43``)."""
        if code.endswith("0000"):
            return code[:2]
        if code.endswith("00"):
            return code[:4]
        return code


class ZoneQuerySet(models.QuerySet):
    def published(self):
        """Zones shown on the public site."""
        return self.filter(is_active=True)

    def in_region(self, code: str):
        """Zones located in the division ``code`` or anywhere inside it."""
        return self.filter(region__code__startswith=Region.prefix_for_code(code))


class Zone(AuditedModel):
    """A member unit of the association: a development zone, high-tech zone, bonded zone …"""

    class Kind(models.TextChoices):
        ETDZ = "etdz", _("经济技术开发区")
        HIDZ = "hidz", _("高新技术产业开发区")
        BONDED = "bonded", _("综合保税区")
        INDUSTRIAL = "industrial", _("工业园区")
        ECONOMIC = "economic", _("经济开发区")
        OTHER = "other", _("其他园区")

    class Level(models.TextChoices):
        NATIONAL = "national", _("国家级")
        PROVINCIAL = "provincial", _("省级")
        MUNICIPAL = "municipal", _("市级")

    class Role(models.TextChoices):
        PRESIDENT = "president", _("会长单位")
        VICE_PRESIDENT = "vice_president", _("副会长单位")
        DIRECTOR = "director", _("理事单位")
        MEMBER = "member", _("会员单位")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    slug = models.SlugField(
        _("网址标识"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("留空则按名称的拼音自动生成。"),
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, db_index=True)
    level = models.CharField(_("级别"), max_length=20, choices=Level.choices, db_index=True)
    region = models.ForeignKey(
        Region, verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="zones"
    )
    role = models.CharField(
        _("会员身份"), max_length=20, choices=Role.choices, default=Role.MEMBER, db_index=True
    )
    established = models.DateField(_("设立时间"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("规划面积（平方公里）"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    industries = models.CharField(_("主导产业"), max_length=200, blank=True)
    website = models.URLField(_("官方网站"), blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    contact_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    logo = models.ImageField(_("标志"), upload_to="zones/logos/%Y/", blank=True)
    introduction = RichTextField(_("简介"), blank=True)
    is_active = models.BooleanField(_("在网站显示"), default=True)
    order = models.PositiveIntegerField(_("排序"), default=100, help_text=_("数字小的排在前面。"))

    objects = ZoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("会员单位")
        verbose_name_plural = _("会员单位")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("members:zone-detail", self.slug)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self) -> str:
        base = pinyin_slug(self.short_name or self.name) or "zone"
        slug, n = base, 2
        while Zone.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


def pinyin_slug(text: str, max_length: int = 100) -> str:
    """A URL slug from Chinese text in pinyin: 长沙经开区 → ``changshajingkaiqu``."""
    return slugify("".join(lazy_pinyin(text, errors="default")))[:max_length].strip("-")


class ZoneMembership(models.Model):
    """A zone staff account: the user may contribute news on behalf of the zone.

    A zone admin may also see all of the zone's contributions and invite colleagues.
    Zone staff are never ``is_staff``: they use the public site, not the admin.
    """

    class Role(models.TextChoices):
        CONTRIBUTOR = "contributor", _("投稿员")
        ADMIN = "admin", _("园区管理员")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="zone_memberships",
    )
    zone = models.ForeignKey(
        Zone, verbose_name=_("园区"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("角色"), max_length=20, choices=Role.choices, default=Role.CONTRIBUTOR
    )
    created_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("园区账号")
        verbose_name_plural = _("园区账号")
        constraints = [
            models.UniqueConstraint(fields=["user", "zone"], name="unique_zone_membership")
        ]

    def __str__(self):
        return f"{self.user} · {self.zone} · {self.get_role_display()}"


class ReviewerScope(models.Model):
    """Limits a reviewer to contributions from zones inside one region.

    A reviewer with no scope rows reviews everything; one with rows sees only zones
    inside any of those regions (a province or city includes what lies inside it).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.CASCADE,
        related_name="review_scopes",
    )
    region = models.ForeignKey(Region, verbose_name=_("负责地区"), on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("审核范围")
        verbose_name_plural = _("审核范围")
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="unique_reviewer_scope")
        ]

    def __str__(self):
        return f"{self.user} · {self.region}"
