"""Pre-fill the holiday calendar for every year the chinesecalendar package knows."""

from django.db import migrations


NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def prefill(apps, schema_editor):
    from chinese_calendar import constants

    HolidayDay = apps.get_model("subsidies", "HolidayDay")
    rows = [HolidayDay(day=day, kind="rest", name=NAMES.get(name, name)) for day, name in constants.holidays.items()]
    rows += [HolidayDay(day=day, kind="work", name=NAMES.get(name, name)) for day, name in constants.workdays.items()]
    HolidayDay.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0001_initial")]
    operations = [migrations.RunPython(prefill, migrations.RunPython.noop)]
