"""Keep search current when a zone changes: its names are words to segment, and the
search documents of its articles include them.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from members.models import Zone

from .search import add_words, rebuild_search_documents


@receiver(pre_save, sender=Zone)
def remember_zone_names(sender, instance, raw=False, **kwargs):
    """Note whether the names change, so that post_save reindexes only when they do."""
    if raw or instance.pk is None:
        instance._search_names_changed = False
        return
    old = sender._base_manager.filter(pk=instance.pk).values("name", "short_name").first()
    instance._search_names_changed = old != {
        "name": instance.name,
        "short_name": instance.short_name,
    }


@receiver(post_save, sender=Zone)
def index_zone_names(sender, instance, raw=False, **kwargs):
    add_words([instance.name, instance.short_name])
    if not raw and getattr(instance, "_search_names_changed", False):
        rebuild_search_documents(instance.articles.all())
