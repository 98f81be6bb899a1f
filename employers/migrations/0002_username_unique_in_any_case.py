"""Account names are unique whatever their letter case, in the database itself: the forms
check `iexact` first, and this index decides between two sign-ups sent at the same moment."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE UNIQUE INDEX auth_user_username_any_case ON auth_user (LOWER(username))",
            reverse_sql="DROP INDEX auth_user_username_any_case",
        ),
    ]
