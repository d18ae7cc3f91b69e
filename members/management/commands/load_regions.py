from django.core.management.base import BaseCommand

from members.models import Region
from members.regions import load_regions


class Command(BaseCommand):
    help = "Load or refresh the GB/T 2260 divisions from members/data/regions.csv (idempotent)."

    def handle(self, *args, **options):
        changed = load_regions(Region)
        self.stdout.write(f"{changed} regions added or renamed; {Region.objects.count()} in all.")
