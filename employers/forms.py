from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from jiexi.fields import clean_credit_code

from .models import Employer
from .services import CREDIT_CODE_TAKEN, USERNAME_TAKEN

User = get_user_model()

PROFILE_FIELDS = [
    "name",
    "credit_code",
    "kind",
    "district",
    "address",
    "contact_name",
    "mobile",
    "email",
    "licence",
]


class AccountFieldsMixin(forms.Form):
    username = forms.CharField(
        label=_("username"),
        max_length=50,
        help_text=_("Letters, digits and @/./+/-/_ only."),
        validators=[User.username_validator],
    )
    full_name = forms.CharField(label=_("your full name"), max_length=50)
    password1 = forms.CharField(label=_("password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("password again"), widget=forms.PasswordInput, strip=False)

    def clean_username(self) -> str:
        username = User.normalize_username(self.cleaned_data["username"])
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(USERNAME_TAKEN)
        return username

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            user = User(username=cleaned.get("username", ""), email=cleaned.get("email", ""))
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class CreditCodeMixin(forms.Form):
    # Longer than the code itself: spaces and full-width characters are tidied by the rule.
    credit_code = forms.CharField(label=_("unified social credit code"), max_length=40)

    def clean_credit_code(self) -> str:
        code = clean_credit_code(self.cleaned_data["credit_code"])
        taken = Employer.objects.filter(credit_code=code)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(CREDIT_CODE_TAKEN)
        return code


class RegistrationForm(CreditCodeMixin, AccountFieldsMixin, forms.ModelForm):
    class Meta:
        model = Employer
        fields = PROFILE_FIELDS
        widgets = {"licence": forms.FileInput}
        # What the model's own uniqueness check says when another registration of the
        # code arrives between the form's check and this one: the same words.
        error_messages = {"credit_code": {"unique": CREDIT_CODE_TAKEN}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("Account"), "username", "full_name", "password1", "password2"),
            Fieldset(_("Employer"), *PROFILE_FIELDS),
            Submit("register", _("Register")),
        )

    def profile(self) -> dict:
        return {f: self.cleaned_data[f] for f in PROFILE_FIELDS}


class ProfileForm(CreditCodeMixin, forms.ModelForm):
    class Meta:
        model = Employer
        fields = PROFILE_FIELDS
        widgets = {"licence": forms.FileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["licence"].required = False
        if self.instance.identity_locked:
            # The identity stays as the reviewer sees it; so does the licence scan.
            del self.fields["licence"]
            for name in ("name", "credit_code", "kind", "district"):
                self.fields[name].disabled = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def changes(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.changed_data if self.cleaned_data.get(f) is not None}


class StaffForm(AccountFieldsMixin, forms.Form):
    email = forms.EmailField(label=_("e-mail"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].label = _("colleague's full name")
        self.helper = FormHelper()
        self.helper.add_input(Submit("add", _("Add account")))
