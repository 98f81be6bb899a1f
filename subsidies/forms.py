import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiexi.uploads import validate_document
from jiexi.xlsx import WorkbookError

from .attendance_import import read_attendance

BANK_ACCOUNT = re.compile(r"[0-9]{12,30}")


class LineForm(forms.Form):
    attendance_days = forms.IntegerField(label=_("attendance days"), min_value=0, max_value=30)
    bank_name = forms.CharField(label=_("bank"), max_length=100)
    bank_account = forms.CharField(label=_("bank account number"), max_length=60)

    def clean_bank_account(self) -> str:
        """Spaces, as a passbook prints them, are dropped; what is left is 12 to 30 digits."""
        account = "".join(self.cleaned_data["bank_account"].split())
        if not BANK_ACCOUNT.fullmatch(account):
            raise forms.ValidationError(_("Enter the bank account number as 12 to 30 digits."))
        return account


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
        if value.year < 2000:
            raise forms.ValidationError(_("Enter a date between 2000 and 2099."))
        return value
