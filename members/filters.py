"""Region filtering shared by the article and zone lists, and the zone directory filter."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.cache import VersionMemo

from .models import Region, Zone

# What the list filters read once per content version (any change to a zone, column or
# region makes a new one) instead of on every list page: the selects' options, the region
# options per selected code, and the objects chosen. Separate, so that query strings made
# up to fill one (each memo stops keeping new entries when full) cannot crowd out another.
_options = VersionMemo(max_entries=64)
_regions = VersionMemo(max_entries=512)
_chosen = VersionMemo(max_entries=512)


class _NotFound(Exception):
    """Nothing matches the chosen value: looked up again, not kept."""


def model_options(key: str, field) -> list:
    """The options of a ``ModelChoiceField``'s select, as its own iterator makes them
    (value from ``to_field_name``, label from ``label_from_instance``), kept per content
    version under ``key`` (one per field)."""

    def read():
        name = field.to_field_name or "pk"
        return [(getattr(obj, name), field.label_from_instance(obj)) for obj in field.queryset]

    options = _options.get(key, read)
    if field.empty_label is not None:
        return [("", field.empty_label), *options]
    return list(options)


class RememberedModelChoiceField(django_filters.fields.ModelChoiceField):
    """A ``ModelChoiceField`` that looks the chosen object up once per content version
    and value (``remember_as`` names its queryset); a value matching nothing is not kept,
    and is looked up as usual, so its message is the field's own."""

    def __init__(self, *args, remember_as: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.remember_as = remember_as

    def to_python(self, value):
        if value in self.empty_values or not isinstance(value, str):
            return super().to_python(value)
        lookup = {self.to_field_name or "pk": value}

        def find():
            found = self.queryset.filter(**lookup).first()
            if found is None:
                raise _NotFound
            return found

        try:
            return _chosen.get((self.remember_as, value), find)
        except (_NotFound, ValueError, TypeError, ValidationError):  # ValueError: not a pk
            return super().to_python(value)


class RememberedModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = RememberedModelChoiceField


class RegionChoiceFilter(RememberedModelChoiceFilter):
    """``region=<6-digit code>``: a province or city matches every zone inside it.

    ``field_name`` is the path to the region foreign key (``region`` on zones,
    ``zone__region`` on articles); matching is by code prefix, so no tree walk.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Region.objects.all())
        kwargs.setdefault("remember_as", "regions")
        kwargs.setdefault("empty_label", _("全部地区"))
        kwargs.setdefault(
            "error_messages", {"invalid_choice": _("没有这个地区代码，请从列表中选择。")}
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__code__startswith": value.code_prefix})


def region_choices(selected_code: str = "") -> list[tuple[str, str]]:
    """Options for the region select: provinces that have zones and, under the selected
    province, its cities (and the selected county) that have zones, indented. Two queries
    once per content version, selected region and language."""
    key = ("regions", selected_code, get_language())
    return list(_regions.get(key, lambda: _region_choices(selected_code)))


def _region_choices(selected_code: str) -> list[tuple[str, str]]:
    zone_codes = set(Zone.objects.published().values_list("region_id", flat=True).distinct())
    province_codes = {code[:2] + "0000" for code in zone_codes}
    city_codes = set()
    if selected_code:
        city_codes = {
            code[:4] + "00"
            for code in zone_codes
            if code[:2] == selected_code[:2] and code[2:4] != "00"
        }
        city_codes.add(selected_code)
    regions = dict(
        Region.objects.filter(code__in=province_codes | city_codes).values_list("code", "name")
    )
    choices = [("", str(_("全部地区")))]
    for province in sorted(province_codes):
        if province not in regions:
            continue
        choices.append((province, regions[province]))
        if selected_code[:2] == province[:2]:
            choices += [
                (code, "\u3000" + regions[code])
                for code in sorted(city_codes - {province})
                if code in regions
            ]
    return choices


class RegionNarrowingMixin:
    """Give a FilterSet's ``region`` select the province → city options for its data."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        selected = (self.data or {}).get("region", "")
        if not (isinstance(selected, str) and len(selected) == 6 and selected.isdigit()):
            selected = ""
        # Only the rendered options change; validation still accepts any real code.
        self.form.fields["region"].widget.choices = region_choices(selected)


class ZoneFilter(RegionNarrowingMixin, django_filters.FilterSet):
    """The member directory filter: ``region``, ``level``, ``kind`` and ``q``."""

    q = django_filters.CharFilter(
        label=_("名称"),
        method="filter_query",
        max_length=50,
        error_messages={"max_length": _("名称太长了，请不要超过 %(limit_value)d 个字。")},
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("园区名称或主导产业")}),
    )
    region = RegionChoiceFilter(label=_("地区"), field_name="region")
    level = django_filters.ChoiceFilter(
        label=_("级别"),
        choices=Zone.Level.choices,
        empty_label=_("全部级别"),
        error_messages={"invalid_choice": _("没有这个级别，请从列表中选择。")},
    )
    kind = django_filters.ChoiceFilter(
        label=_("类型"),
        choices=Zone.Kind.choices,
        empty_label=_("全部类型"),
        error_messages={"invalid_choice": _("没有这个类型，请从列表中选择。")},
    )

    class Meta:
        model = Zone
        fields = ["q", "region", "level", "kind"]

    def filter_query(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(short_name__icontains=word)
                | Q(industries__icontains=word)
            )
        return queryset
