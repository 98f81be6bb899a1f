import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from employers.models import Employer
from jiexi.choices import District, EducationRequirement

from .models import Position


class PublicSearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("keyword"),
        method="keyword",
        widget=forms.TextInput(attrs={"placeholder": _("title, duties, major or employer")}),
    )
    district = django_filters.ChoiceFilter(label=_("district"), choices=District.choices)
    education = django_filters.ChoiceFilter(
        label=_("education requirement"), choices=EducationRequirement.choices
    )
    kind = django_filters.ChoiceFilter(
        label=_("employer kind"), field_name="employer__kind", choices=Employer.Kind.choices
    )

    class Meta:
        model = Position
        fields = ["q", "district", "education", "kind"]

    def keyword(self, queryset, name, value):
        return queryset.search(value[:100])
