"""The association's own pages, footer link groups and site settings."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.cache import VersionMemo
from core.models import AuditedModel
from core.richtext import RichTextField
from core.urls_cache import reverse as cached_reverse


class PageQuerySet(models.QuerySet):
    def published(self):
        """Pages visible to the public."""
        return self.filter(is_published=True)


class Page(AuditedModel):
    """An editable association page: 协会简介, 协会章程, 协会职能, 组织机构, 联系我们 …"""

    title = models.CharField(_("标题"), max_length=100)
    slug = models.SlugField(_("网址标识"), max_length=60, unique=True)
    summary = models.TextField(_("摘要"), blank=True, help_text=_("首页“协会简介”区块显示此段。"))
    body = RichTextField(_("正文"), blank=True)
    order = models.PositiveIntegerField(_("排序"), default=100)
    is_published = models.BooleanField(_("公开"), default=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("协会页面")
        verbose_name_plural = _("协会页面")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("association:page", self.slug)


class LinkGroup(models.Model):
    """A group of footer links: 政府部门, 行业协会, 新闻媒体, 友情链接."""

    name = models.CharField(_("名称"), max_length=50)
    order = models.PositiveIntegerField(_("排序"), default=100)

    class Meta:
        verbose_name = _("链接分组")
        verbose_name_plural = _("链接分组")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class Link(models.Model):
    """One external link inside a footer group."""

    group = models.ForeignKey(
        LinkGroup, verbose_name=_("分组"), on_delete=models.CASCADE, related_name="links"
    )
    name = models.CharField(_("名称"), max_length=100)
    url = models.URLField(_("网址"))
    order = models.PositiveIntegerField(_("排序"), default=100)

    class Meta:
        verbose_name = _("链接")
        verbose_name_plural = _("链接")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class SiteSettings(models.Model):
    """Site-wide settings edited in the admin (a single row)."""

    name = models.CharField(_("网站名称"), max_length=100, default=_("开发区协会"))
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    slogan = models.CharField(_("标语"), max_length=100, blank=True)
    logo = models.ImageField(_("标志"), upload_to="site/", blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮编"), max_length=10, blank=True)
    phone = models.CharField(_("电话"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    icp_number = models.CharField(_("ICP 备案号"), max_length=50, blank=True)
    police_number = models.CharField(_("公安备案号"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("网站设置")
        verbose_name_plural = _("网站设置")

    def __str__(self):
        return str(self.name)

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "SiteSettings":
        """The settings row; an unsaved default before the admin creates one.

        Every page shows it, so each process keeps it per content version (a save makes a
        new version) and reads the row once per version. The instance is shared: read it,
        don't change it.
        """
        return _site_settings.get("site-settings", cls._read)

    @classmethod
    def _read(cls) -> "SiteSettings":
        return cls.objects.filter(pk=1).first() or cls(pk=1)


_site_settings = VersionMemo(max_entries=1)


class GuestbookMessageQuerySet(models.QuerySet):
    def published(self):
        """Messages the public may read: approved by staff."""
        return self.filter(status=GuestbookMessage.Status.APPROVED)


class GuestbookMessage(models.Model):
    """A message left in the public guestbook (留言箱), with the association's reply.

    New messages wait for moderation; only approved ones (and their replies) are shown.
    The contact details and the hashed address are for staff only, never published.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已公开")
        HIDDEN = "hidden", _("不公开")

    name = models.CharField(_("姓名或称呼"), max_length=50)
    contact = models.CharField(
        _("联系方式"),
        max_length=100,
        blank=True,
        help_text=_("电话或电子邮箱，仅供工作人员联系您，不会公开。"),
    )
    subject = models.CharField(_("主题"), max_length=100)
    message = models.TextField(
        _("留言内容"),
        validators=[MaxLengthValidator(2000)],
        help_text=_("请勿超过 2000 字。"),
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    reply = models.TextField(_("回复"), blank=True, help_text=_("公开显示在留言下方。"))
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("回复人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("留言时间"), auto_now_add=True)
    ip_hash = models.CharField(
        _("来源标识"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("访客网络地址的不可逆摘要，用于识别同一来源的留言。"),
    )

    objects = GuestbookMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("留言")
        verbose_name_plural = _("留言箱")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="guestbook_status_idx"),
        ]

    def __str__(self):
        return self.subject
