"""Loading the GB/T 2260 divisions shipped in ``members/data/regions.csv``.

The CSV is generated from a maintained data package by ``scripts/build_regions.py``.
"""

import csv
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "regions.csv"


def read_regions(path: Path = DATA_FILE) -> list[dict]:
    """Rows of the data file, parents before children."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return sorted(rows, key=lambda row: (int(row["level"]), row["code"]))


def load_regions(region_model, path: Path = DATA_FILE) -> int:
    """Insert the divisions missing from the table and update renamed ones; idempotent.

    Takes the model class so a data migration can pass its historical model.
    """
    rows = read_regions(path)
    existing = dict(region_model.objects.values_list("code", "name"))
    new = [
        region_model(
            code=row["code"],
            name=row["name"],
            level=int(row["level"]),
            parent_id=row["parent"] or None,
        )
        for row in rows
        if row["code"] not in existing
    ]
    region_model.objects.bulk_create(new, batch_size=1000)
    renamed = [
        region_model(code=row["code"], name=row["name"])
        for row in rows
        if row["code"] in existing and existing[row["code"]] != row["name"]
    ]
    region_model.objects.bulk_update(renamed, ["name"], batch_size=1000)
    return len(new) + len(renamed)
