from django.db import migrations


def load(apps, schema_editor):
    from members.regions import load_regions

    load_regions(apps.get_model("members", "Region"))


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
