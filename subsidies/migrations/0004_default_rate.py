"""Record the programme guide's rate, so reviewers see the standard in force."""

import datetime
from decimal import Decimal

from django.db import migrations


def add_default(apps, schema_editor):
    SubsidyRate = apps.get_model("subsidies", "SubsidyRate")
    if not SubsidyRate.objects.exists():
        # 1980 CNY a month (66 a day on the 30-day basis), jiexi.rules.DEFAULT_MONTHLY_RATE.
        SubsidyRate.objects.create(effective_from=datetime.date(2020, 1, 1), monthly_amount=Decimal("1980"))


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0003_batches")]
    operations = [migrations.RunPython(add_default, migrations.RunPython.noop)]
