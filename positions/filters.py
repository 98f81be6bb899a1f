import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from employers.models import Employer
from jiexi.choices import District, Education, EducationRequirement

from .models import Position


class PublicSearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("keyword"),
        method="keyword",
        widget=forms.TextInput(attrs={"placeholder": _("title, duties, major or employer")}),
    )
    district = django_filters.ChoiceFilter(
        label=_("district"), choices=District.choices, empty_label=_("All")
    )
    education = django_filters.ChoiceFilter(
        label=_("your education level"), choices=Education.choices, empty_label=_("All"), method="open_to"
    )
    kind = django_filters.ChoiceFilter(
        label=_("employer kind"),
        field_name="employer__kind",
        choices=Employer.Kind.choices,
        empty_label=_("All"),
    )

    class Meta:
        model = Position
        fields = ["q", "district", "education", "kind"]

    def keyword(self, queryset, name, value):
        return queryset.search(value[:100])

    def open_to(self, queryset, name, value):
        """Positions a graduate of this level may take: no requirement, or one at or below it."""
        levels = Education.values[: Education.values.index(value) + 1]
        return queryset.filter(education__in=[EducationRequirement.ANY, *levels])
