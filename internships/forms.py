from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from jiexi.fields import within_years
from jiexi.once import OnceField
from jiexi.uploads import validate_document
from positions.models import Position
from trainees.models import Person

from .models import Extension, Traineeship

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DatesMixin:
    def clean(self):
        cleaned = super().clean()
        within_years(self, cleaned, "start", "end")
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date cannot be before the start date."))
        return cleaned


class NewTraineeshipForm(DatesMixin, forms.ModelForm):
    persons = forms.ModelMultipleChoiceField(
        label=_("graduates"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Approved graduates in your pool; each draft shows whether the graduate is eligible."),
    )

    class Meta:
        model = Traineeship
        fields = ["position", "start", "end", "mentor", "work_content"]
        widgets = {"start": DATE, "end": DATE, "work_content": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, employer, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].queryset = Person.objects.visible_to(employer).in_pool().order_by("name")
        self.fields["position"].queryset = Position.objects.for_employer(employer).published(today)
        self.fields["once"] = OnceField()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.order_fields(["persons", "position", "start", "end", "mentor", "work_content"])


class TraineeshipForm(DatesMixin, forms.ModelForm):
    class Meta:
        model = Traineeship
        fields = ["start", "end", "mentor", "work_content"]
        widgets = {"start": DATE, "end": DATE, "work_content": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's own <form> holds the action
        self.helper.add_input(Submit("save", _("Save")))


class ScanForm(forms.Form):
    scan = forms.FileField(
        label=_("signed and stamped scan"), help_text=_("PDF, JPEG or PNG, at most 10 MB.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scan"].validators.append(validate_document)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's own <form> holds the action
        self.helper.add_input(Submit("upload", _("Upload")))


class ExtensionForm(forms.ModelForm):
    class Meta:
        model = Extension
        fields = ["new_end"]
        widgets = {"new_end": DATE}

    def clean(self):
        cleaned = super().clean()
        within_years(self, cleaned, "new_end")
        return cleaned

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's own <form> holds the action
        self.helper.add_input(Submit("save_extension", _("Save the extension")))


class TerminationForm(forms.Form):
    on = forms.DateField(label=_("termination date (the trainee's last day)"), widget=DATE)
    reason = forms.CharField(label=_("reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's own <form> holds the action
        self.helper.add_input(Submit("terminate", _("Terminate"), css_class="btn-danger"))

    def clean(self):
        cleaned = super().clean()
        within_years(self, cleaned, "on")
        return cleaned


class RetentionForm(forms.Form):
    kept_on = forms.TypedChoiceField(
        label=_("Did you keep the graduate on after the traineeship?"),
        choices=[("1", _("Yes, kept on")), ("0", _("No"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's own <form> holds the action
        self.helper.add_input(Submit("retention", _("Save")))
