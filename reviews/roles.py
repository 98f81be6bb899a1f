"""Reviewer roles declared in code, so every install has the same groups and permissions."""

from django.contrib.auth.models import Group, Permission

REVIEWER = "reviewer"
SUPERVISOR = "supervisor"
AUDITOR = "auditor"

# app_label -> codenames. A reviewer reviews and exports; a supervisor also keeps the
# calendars and rates (added by later apps); an auditor only reads.
_VIEW = {
    "employers": ["view_employer", "view_staff"],
    "positions": ["view_position"],
    "reviews": ["view_statuschange"],
    "trainees": ["view_person", "view_material", "view_school", "view_insurancerecord"],
    "internships": ["view_traineeship", "view_extension"],
    "subsidies": [
        "view_holidayday",
        "view_windowoverride",
        "view_latefilingexception",
        "view_subsidyrate",
        "view_subsidybatch",
        "view_batchline",
    ],
}
_REVIEW = {
    "employers": ["review_employer"],
    "positions": ["review_position"],
    "trainees": ["review_person", "add_insurancerecord"],
    "internships": ["review_traineeship", "review_extension"],
    "subsidies": ["review_subsidybatch"],
}
_KEEP = {
    "reviews": ["view_accesslog", "view_loginlockout", "delete_loginlockout"],
    "trainees": ["add_school", "change_school"],
    "subsidies": [
        f"{action}_{model}"
        for action in ("add", "change", "delete")
        for model in ("holidayday", "windowoverride", "latefilingexception", "subsidyrate")
    ],
}

ROLES: dict[str, list[dict[str, list[str]]]] = {
    REVIEWER: [_VIEW, _REVIEW],
    SUPERVISOR: [_VIEW, _REVIEW, _KEEP],
    AUDITOR: [_VIEW],
}


def ensure_roles(**kwargs) -> None:
    """Create or update the reviewer groups; safe to run after every migrate."""
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = set()
        for grant in grants:
            for app_label, codenames in grant.items():
                perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
                wanted.update(perms.values_list("pk", flat=True))
        group.permissions.set(wanted)


def role_of(user) -> str | None:
    """The reviewer role of a user, or None for anyone who is not a reviewer."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return None
    if user.is_superuser:
        return SUPERVISOR
    names = {g.name for g in user.groups.all()}
    for role in (SUPERVISOR, REVIEWER, AUDITOR):
        if role in names:
            return role
    return None
