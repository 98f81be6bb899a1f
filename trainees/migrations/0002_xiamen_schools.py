"""The colleges, universities, vocational and technical schools of Xiamen."""

from django.db import migrations

UNIVERSITY, VOCATIONAL, SECONDARY = "university", "vocational_college", "secondary"

SCHOOLS = [
    ("厦门大学", UNIVERSITY),
    ("集美大学", UNIVERSITY),
    ("华侨大学（厦门校区）", UNIVERSITY),
    ("厦门理工学院", UNIVERSITY),
    ("厦门医学院", UNIVERSITY),
    ("厦门大学嘉庚学院", UNIVERSITY),
    ("集美大学诚毅学院", UNIVERSITY),
    ("厦门工学院", UNIVERSITY),
    ("厦门华厦学院", UNIVERSITY),
    ("福州大学厦门工艺美术学院", UNIVERSITY),
    ("厦门城市职业学院", VOCATIONAL),
    ("厦门海洋职业技术学院", VOCATIONAL),
    ("厦门东海职业技术学院", VOCATIONAL),
    ("厦门兴才职业技术学院", VOCATIONAL),
    ("厦门南洋职业学院", VOCATIONAL),
    ("厦门华天涉外职业技术学院", VOCATIONAL),
    ("厦门演艺职业学院", VOCATIONAL),
    ("厦门软件职业技术学院", VOCATIONAL),
    ("厦门安防科技职业学院", VOCATIONAL),
    ("厦门工商旅游学校", SECONDARY),
    ("厦门信息学校", SECONDARY),
    ("厦门市集美职业技术学校", SECONDARY),
    ("厦门市同安职业技术学校", SECONDARY),
    ("厦门市翔安职业技术学校", SECONDARY),
    ("厦门市海沧职业中专学校", SECONDARY),
    ("厦门市音乐学校", SECONDARY),
    ("厦门艺术学校", SECONDARY),
    ("厦门技师学院", SECONDARY),
    ("厦门市工贸技师学院", SECONDARY),
    ("福建省集美轻工业学校", SECONDARY),
    ("集美工业学校", SECONDARY),
]


def add_schools(apps, schema_editor):
    School = apps.get_model("trainees", "School")
    for name, level in SCHOOLS:
        School.objects.get_or_create(name=name, defaults={"level": level, "in_xiamen": True})


def remove_schools(apps, schema_editor):
    apps.get_model("trainees", "School").objects.filter(name__in=[name for name, _ in SCHOOLS]).delete()


class Migration(migrations.Migration):
    dependencies = [("trainees", "0001_initial")]
    operations = [migrations.RunPython(add_schools, remove_schools)]
