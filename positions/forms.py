from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiexi.once import OnceField

from .models import Position


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = [
            "title",
            "openings",
            "education",
            "major_requirement",
            "duties",
            "district",
            "address",
            "months_offered",
            "contact_name",
            "contact_phone",
            "valid_until",
        ]
        widgets = {
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "duties": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["once"] = OnceField()
        self.helper = FormHelper()
        label = (
            _("Save and send for review") if self.instance.status == Position.Status.PUBLISHED else _("Save")
        )
        self.helper.add_input(Submit("save", label))

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError(_("The valid-until date cannot be in the past."))
        if value > today.replace(year=today.year + 3, day=28 if today.month == 2 else today.day):
            raise forms.ValidationError(
                _("A position is declared for at most three years; enter an earlier date.")
            )
        return value
