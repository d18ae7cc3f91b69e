"""Who may do what with contributions. Pure functions over users, zones and articles."""

from django.db.models import Q

from .models import Region, ReviewerScope, Zone, ZoneMembership

# django-axes' backend comes first in AUTHENTICATION_BACKENDS and knows no permissions;
# queries like ``User.objects.with_perm()`` must name the backend that does.
PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def member_zones(user):
    """Zones the user is staff of (empty for anonymous users and association staff)."""
    if not user.is_authenticated:
        return Zone.objects.none()
    return Zone.objects.filter(memberships__user=user).distinct()


def is_zone_staff(user) -> bool:
    return user.is_authenticated and user.is_active and user.zone_memberships.exists()


def admin_zone_ids(user) -> set[int]:
    """Zones where the user is a zone admin."""
    if not user.is_authenticated:
        return set()
    return set(
        ZoneMembership.objects.filter(user=user, role=ZoneMembership.Role.ADMIN).values_list(
            "zone_id", flat=True
        )
    )


def visible_contributions(user, queryset):
    """The contributions a zone user may see: their own, plus every item of the zones
    they administer."""
    if not user.is_authenticated:
        return queryset.none()
    own = Q(submitted_by=user, zone__memberships__user=user)
    administered = Q(zone_id__in=admin_zone_ids(user))
    return queryset.filter(own | administered).distinct()


def is_reviewer(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("news.review_article")


def reviewer_region_q(user, zone_path: str = "zone") -> Q:
    """A filter restricting items to the reviewer's regions (everything when unscoped)."""
    if user.is_superuser:
        return Q()
    codes = list(ReviewerScope.objects.filter(user=user).values_list("region_id", flat=True))
    if not codes:
        return Q()
    condition = Q(pk__in=[])
    for code in codes:
        condition |= Q(**{f"{zone_path}__region__code__startswith": Region.prefix_for_code(code)})
    return condition


def reviewer_covers_zone(user, zone) -> bool:
    """True when ``zone`` lies inside the reviewer's regions (or the reviewer is unscoped)."""
    if user.is_superuser:
        return True
    codes = list(ReviewerScope.objects.filter(user=user).values_list("region_id", flat=True))
    if not codes:
        return True
    if zone is None:
        return False
    return any(zone.region_id.startswith(Region.prefix_for_code(code)) for code in codes)
