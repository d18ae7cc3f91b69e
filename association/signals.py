"""Drop cached site chrome whenever something it shows changes."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .context_processors import CHROME_CACHE_KEY
from .models import Link, LinkGroup, Page, SiteSettings


@receiver([post_save, post_delete], sender=Page)
@receiver([post_save, post_delete], sender=LinkGroup)
@receiver([post_save, post_delete], sender=Link)
def forget_chrome(sender, using=None, **kwargs):
    # Again on commit: a page rendered before the commit would rebuild it from old rows.
    cache.delete(CHROME_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CHROME_CACHE_KEY), using=using)


@receiver([post_save, post_delete], sender=SiteSettings)
def forget_site_settings(sender, using=None, **kwargs):
    # The chrome goes too: its rendered header and footer show the settings.
    keys = [SiteSettings.CACHE_KEY, CHROME_CACHE_KEY]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys), using=using)
