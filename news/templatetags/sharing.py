"""Sharing tools on the article page: the share URL and a Weibo link (the WeChat QR code
is an image, ``news.views.article_qr``)."""

from urllib.parse import urlencode

from django import template

register = template.Library()

WEIBO_SHARE = "https://service.weibo.com/share/share.php"


@register.simple_tag(takes_context=True)
def share_url(context, obj) -> str:
    """The absolute URL of ``obj`` (what readers share)."""
    return context["request"].build_absolute_uri(obj.get_absolute_url())


@register.simple_tag
def weibo_share_url(url: str, title: str) -> str:
    """Weibo's share dialog for ``url`` with ``title`` as the post text."""
    return f"{WEIBO_SHARE}?{urlencode({'url': url, 'title': title})}"
