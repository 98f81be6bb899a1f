from django import forms
from django.utils.translation import gettext_lazy as _

from jiexi.uploads import validate_document


class LineForm(forms.Form):
    attendance_days = forms.IntegerField(label=_("attendance days"), min_value=0, max_value=30)
    bank_name = forms.CharField(label=_("bank"), max_length=100)
    bank_account = forms.RegexField(
        label=_("bank account number"),
        regex=r"^[0-9 ]{12,40}$",
        error_messages={"invalid": _("Enter the bank account number as 12 to 30 digits.")},
    )


class SheetForm(forms.Form):
    scan = forms.FileField(label=_("signed and stamped sheet scan"), validators=[validate_document])


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("paid on"), widget=forms.DateInput(attrs={"type": "date"}))
