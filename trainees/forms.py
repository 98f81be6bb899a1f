from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Fieldset, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiexi.fields import clean_id_number, within_years

from .models import Material, MaterialKind, Person, School
from .services import ALREADY_REGISTERED


class PersonForm(forms.ModelForm):
    # Longer than the number itself: spaces and full-width digits are tidied by the rule.
    id_number = forms.CharField(label=_("resident ID number"), max_length=40)

    class Meta:
        model = Person
        fields = [
            "name",
            "id_number",
            "mobile",
            "education",
            "school_name",
            "major",
            "certificate_number",
            "certificate_date",
            "basis",
            "bank_name",
            "bank_account",
        ]
        widgets = {"certificate_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "school_name": _(
                "Choose from the list of Xiamen schools, or type the full name of another school."
            ),
            "basis": _(
                "Xiamen origin: household and school registration in Xiamen before the first full-time degree. "
                "Graduate of a Xiamen school: graduated from a college, vocational or technical school in Xiamen."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_name"].widget.attrs["list"] = "schools"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("Graduate"), "name", "id_number", "mobile"),
            Fieldset(
                _("Education"),
                "education",
                Field("school_name", autocomplete="off"),
                "major",
                "certificate_number",
                "certificate_date",
                "basis",
            ),
            Fieldset(_("Subsidy account"), "bank_name", "bank_account"),
        )

    def clean_id_number(self) -> str:
        value = clean_id_number(self.cleaned_data["id_number"])
        employer = self.instance.registered_by
        if Person.objects.registered(value, employer=employer).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(ALREADY_REGISTERED)
        return value

    def clean_bank_account(self) -> str:
        return "".join(self.cleaned_data["bank_account"].split())

    def clean_certificate_date(self):
        value = self.cleaned_data["certificate_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The certificate issue date cannot be in the future."))
        if value.year < 2000:
            raise forms.ValidationError(
                _("Enter the issue date printed on the certificate, in 2000 or later.")
            )
        return value

    @staticmethod
    def school_names() -> list[str]:
        return list(School.objects.filter(in_xiamen=True).values_list("name", flat=True))


class MaterialForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = ["kind", "file"]

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds:
            self.fields["kind"].choices = [(k, MaterialKind(k).label) for k in kinds]
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's own <form> holds the action
        self.helper.add_input(Submit("upload", _("Upload")))


class FindPersonForm(forms.Form):
    id_number = forms.CharField(label=_("resident ID number"), max_length=40)
    name = forms.CharField(label=_("name"), max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("find", _("Find")))

    def clean_id_number(self) -> str:
        return clean_id_number(self.cleaned_data["id_number"])


class EligibilityDatesForm(forms.Form):
    """Planned dates for a preview of the eligibility panel."""

    def clean(self):
        cleaned = super().clean()
        within_years(self, cleaned, "start", "end")
        return cleaned

    start = forms.DateField(
        label=_("planned start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("planned end"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
