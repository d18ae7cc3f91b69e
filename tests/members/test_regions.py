"""GB/T 2260 regions loaded by the data migration, and prefix matching of zones."""

from io import StringIO

import pytest
from django.core.management import call_command

from members.models import Region, Zone
from members.regions import load_regions, read_regions
from tests.factories import ZoneFactory, region

pytestmark = pytest.mark.django_db


def test_migration_loaded_every_row_of_the_data_file():
    rows = read_regions()
    assert 3000 < Region.objects.count() == len(rows) < 3500
    levels = {level: Region.objects.filter(level=level).count() for level in Region.Level.values}
    assert levels[Region.Level.PROVINCE] == 34
    assert levels[Region.Level.CITY] > 300
    assert levels[Region.Level.COUNTY] > 2500
    assert region("430000").name == "湖南省"
    assert region("430100").name == "长沙市"
    assert region("430102").name == "芙蓉区"
    assert region("430100").parent_id == "430000"
    assert region("430102").parent_id == "430100"


def test_parent_links_follow_the_code_prefixes():
    regions = {r.code: r for r in Region.objects.all()}
    children = {}
    for r in regions.values():
        children.setdefault(r.parent_id, []).append(r.code)
        if r.level == Region.Level.PROVINCE:
            assert r.parent_id is None and r.code.endswith("0000"), r.code
        else:
            parent = regions[r.parent_id]
            assert parent.level < r.level, r.code
            assert r.code.startswith(parent.code_prefix), (r.code, parent.code)

    def descendants(code):
        out = set()
        for child in children.get(code, []):
            out |= {child} | descendants(child)
        return out

    codes = sorted(regions)
    for r in regions.values():
        if r.level == Region.Level.COUNTY:
            continue
        by_prefix = {c for c in codes if c.startswith(r.code_prefix) and c != r.code}
        assert by_prefix == descendants(r.code), r.code


def test_code_prefix_and_prefix_for_code_agree():
    assert region("430000").code_prefix == "43"
    assert region("430100").code_prefix == "4301"
    assert region("430102").code_prefix == "430102"
    assert Region.prefix_for_code("430000") == "43"
    assert Region.prefix_for_code("430100") == "4301"
    assert Region.prefix_for_code("430102") == "430102"
    mismatched = [
        r.code for r in Region.objects.all() if Region.prefix_for_code(r.code) != r.code_prefix
    ]
    assert mismatched == []


def test_municipality_has_counties_directly_under_the_province():
    beijing = region("110000")
    assert beijing.name == "北京市"
    assert not Region.objects.filter(level=Region.Level.CITY, code__startswith="11").exists()
    districts = Region.objects.children_of("110000")
    assert districts.count() >= 16
    assert set(districts.values_list("level", flat=True)) == {Region.Level.COUNTY}
    assert districts.filter(name="海淀区").exists()
    haidian = districts.get(name="海淀区")
    assert Zone.objects.in_region("110000").count() == 0
    zone = ZoneFactory(name="中关村科技园区海淀园", region=haidian)
    assert list(Zone.objects.in_region("110000")) == [zone]


def test_queryset_helpers():
    provinces = Region.objects.provinces()
    assert provinces.count() == 34
    assert provinces.filter(name="湖南省").exists()
    cities = set(Region.objects.children_of("430000").values_list("name", flat=True))
    assert {"长沙市", "株洲市"} <= cities
    assert "芙蓉区" not in cities


def test_in_region_matches_by_prefix():
    changsha = ZoneFactory(name="长沙经济技术开发区", region=region("430102"))
    zhuzhou = ZoneFactory(name="株洲高新技术产业开发区", region=region("430202"))
    wuhan = ZoneFactory(name="武汉经济技术开发区", region=region("420102"))

    assert set(Zone.objects.in_region("430000")) == {changsha, zhuzhou}
    assert set(Zone.objects.in_region("430100")) == {changsha}
    assert set(Zone.objects.in_region("430102")) == {changsha}
    assert set(Zone.objects.in_region("430200")) == {zhuzhou}
    assert set(Zone.objects.in_region("420000")) == {wuhan}
    assert set(Zone.objects.in_region("430103")) == set()


def test_in_region_on_a_zone_registered_at_city_level():
    city_zone = ZoneFactory(name="长沙市级工业园", region=region("430100"))
    assert list(Zone.objects.in_region("430000")) == [city_zone]
    assert list(Zone.objects.in_region("430100")) == [city_zone]
    assert list(Zone.objects.in_region("430102")) == []


def test_load_regions_is_idempotent():
    before = Region.objects.count()
    assert load_regions(Region) == 0
    assert Region.objects.count() == before


def test_load_regions_restores_missing_and_renamed_rows():
    before = Region.objects.count()
    Region.objects.filter(code="430103").delete()
    Region.objects.filter(code="430104").update(name="改过的名字")
    assert load_regions(Region) == 2
    assert Region.objects.count() == before
    assert region("430103").name == "天心区"
    assert region("430103").parent_id == "430100"
    assert region("430104").name == "岳麓区"
    assert load_regions(Region) == 0


def test_load_regions_command_runs():
    out = StringIO()
    call_command("load_regions", stdout=out)
    total = Region.objects.count()
    assert out.getvalue().strip() == f"0 regions added or renamed; {total} in all."
