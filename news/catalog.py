"""Columns and member zones by id, kept in each process for one content version.

Every article page shows its column (with the columns above it) and its zone. Both tables
are small and change rarely, and any change to either bumps the content version
(``core.cache``), so each process reads them once per version instead of joining them
into every article query. The instances are shared by every request of the version:
read them, never change or save them.
"""

from dataclasses import dataclass

from core.cache import VersionMemo
from members.models import Zone

from .models import Category

# What pages read of a zone next to an article (name, link, and whether it still links).
ZONE_FIELDS = ("id", "slug", "name", "short_name", "is_active")


@dataclass(frozen=True)
class Catalog:
    categories: dict[int, Category]
    zones: dict[int, Zone]

    def attach(self, article) -> None:
        """Give ``article`` its column and zone from the catalog. A row newer than the
        catalog (none should be: adding one bumps the version) is left to the ORM."""
        category = self.categories.get(article.category_id)
        if category is not None:
            article.category = category
        if article.zone_id is None or article.zone_id in self.zones:
            article.zone = self.zones.get(article.zone_id)


_memo = VersionMemo(max_entries=1)


def catalog() -> Catalog:
    """The catalog of the current content version, read from the database when it changed."""
    return _memo.get("catalog", _load)


def _load() -> Catalog:
    categories = {c.pk: c for c in Category.objects.all()}
    for category in categories.values():
        if category.parent_id in categories:
            category.parent = categories[category.parent_id]
    zones = {z.pk: z for z in Zone.objects.only(*ZONE_FIELDS)}
    return Catalog(categories, zones)
