"""Responsive images: an <img> with srcset of resized renditions, safe when a file is gone."""

import logging

from django import template

register = template.Library()
logger = logging.getLogger(__name__)

RENDITIONS = (("cover_small", 480), ("cover_medium", 960), ("cover_large", 1440))


def rendition_srcset(obj) -> tuple[str, str]:
    """``(src, srcset)`` of an article's cover renditions.

    A missing or unreadable source file must not break the page: it falls back to the
    original file's URL with no srcset.
    """
    try:
        urls = [(getattr(obj, name).url, width) for name, width in RENDITIONS]
    except (OSError, ValueError, SyntaxError) as exc:  # missing file, not an image …
        logger.warning("no renditions for %s #%s: %s", type(obj).__name__, obj.pk, exc)
        return obj.cover.url, ""
    return urls[1][0], ", ".join(f"{url} {width}w" for url, width in urls)


@register.inclusion_tag("includes/cover_img.html")
def cover_img(article, sizes="100vw", eager=False, alt=None):
    """``{% cover_img article sizes="…" eager=True %}``"""
    src, srcset = rendition_srcset(article)
    return {
        "src": src,
        "srcset": srcset,
        "sizes": sizes,
        "eager": eager,
        "alt": article.cover_alt if alt is None else alt,
    }
