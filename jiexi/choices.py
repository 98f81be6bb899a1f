"""Choices shared by several apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.TextChoices):
    SIMING = "siming", _("Siming")
    HULI = "huli", _("Huli")
    JIMEI = "jimei", _("Jimei")
    HAICANG = "haicang", _("Haicang")
    TONGAN = "tongan", _("Tong'an")
    XIANGAN = "xiangan", _("Xiang'an")


class Education(models.TextChoices):
    """Education levels, lowest first; their order is the order of the levels."""

    SECONDARY_VOCATIONAL = "secondary_vocational", _("Secondary vocational / technical school")
    JUNIOR_COLLEGE = "junior_college", _("Junior college")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    DOCTOR = "doctor", _("Doctor")


class EducationRequirement(models.TextChoices):
    ANY = "any", _("Any")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("Secondary vocational or above")
    JUNIOR_COLLEGE = "junior_college", _("Junior college or above")
    BACHELOR = "bachelor", _("Bachelor or above")
    MASTER = "master", _("Master or above")
    DOCTOR = "doctor", _("Doctor")
