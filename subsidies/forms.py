from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiexi.fields import in_programme_years
from jiexi.uploads import validate_document
from jiexi.xlsx import WorkbookError

from .attendance_import import read_attendance
from .services import clean_bank_account


class LineForm(forms.Form):
    attendance_days = forms.IntegerField(label=_("attendance days"), min_value=0, max_value=30)
    bank_name = forms.CharField(label=_("bank"), max_length=100)
    bank_account = forms.CharField(label=_("bank account number"), max_length=60)

    def clean_bank_account(self) -> str:
        return clean_bank_account(self.cleaned_data["bank_account"])


class AttendanceImportForm(forms.Form):
    workbook = forms.FileField(
        label=_("attendance workbook (.xlsx)"),
        help_text=_(
            "The signature sheet exported above with its 出勤天数 corrected, or any sheet whose "
            "header names 身份证号 and 出勤天数; one row per trainee."
        ),
    )

    def __init__(self, *args, batch, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch = batch

    def clean_workbook(self):
        workbook = self.cleaned_data["workbook"]
        if workbook.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": 10})
        if not self.batch.is_editable:
            raise forms.ValidationError(_("This batch can no longer be changed."))
        try:
            self.rows = read_attendance(workbook, self.batch)
        except WorkbookError as error:
            raise forms.ValidationError(str(error)) from None
        return workbook


class SheetForm(forms.Form):
    scan = forms.FileField(label=_("signed and stamped sheet scan"), validators=[validate_document])


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("paid on"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_paid_on(self):
        value = self.cleaned_data["paid_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(
                _("Mark a batch paid once the transfer is made: the date cannot be in the future.")
            )
        if not in_programme_years(value):
            raise forms.ValidationError(_("Enter a date between 2000 and 2099."))
        return value
