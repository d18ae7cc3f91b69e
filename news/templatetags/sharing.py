"""Sharing tools on the article page: a WeChat QR code (inline SVG) and a Weibo link.

The QR code is drawn by segno on the server from the article's absolute URL; no user
input reaches the SVG except that URL, which segno only encodes into modules.
"""

from functools import lru_cache
from urllib.parse import urlencode

import segno
from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

WEIBO_SHARE = "https://service.weibo.com/share/share.php"


@lru_cache(maxsize=512)
def qr_svg(url: str, title: str = "") -> str:
    """The inline SVG of a QR code for ``url`` (segno escapes ``title``)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4, border=2, light="#fff", title=title or None, svgclass="share-qr-code"
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


@register.simple_tag(takes_context=True)
def share_url(context, obj) -> str:
    """The absolute URL of ``obj`` (what readers share)."""
    return context["request"].build_absolute_uri(obj.get_absolute_url())


@register.simple_tag
def wechat_qr(url: str):
    """A QR code that WeChat users scan to open and share ``url``."""
    # Safe: the markup is segno's own; the URL is only encoded into modules.
    return mark_safe(qr_svg(url, _("本文网址的二维码")))


@register.simple_tag
def weibo_share_url(url: str, title: str) -> str:
    """Weibo's share dialog for ``url`` with ``title`` as the post text."""
    return f"{WEIBO_SHARE}?{urlencode({'url': url, 'title': title})}"
