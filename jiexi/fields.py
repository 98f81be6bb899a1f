"""Form-side wrappers that turn rule refusals into messages a clerk reads in Chinese."""

import datetime
from collections.abc import Callable

from django import forms
from django.utils.translation import gettext

from . import rules


def translate(error: ValueError) -> str:
    """The translated message of a rules.RuleError (other errors keep their text)."""
    if isinstance(error, rules.RuleError):
        return gettext(error.template) % error.params if error.params else gettext(error.template)
    return str(error)


def _clean(normalise: Callable[[str], str], raw: str) -> str:
    try:
        return normalise(raw)
    except ValueError as error:
        raise forms.ValidationError(translate(error)) from None


def clean_credit_code(raw: str) -> str:
    return _clean(rules.normalize_credit_code, raw)


def clean_id_number(raw: str) -> str:
    return _clean(rules.normalize_id_number, raw)


def in_programme_years(day: datetime.date) -> bool:
    """2000–2099: the years the programme's dates are kept in; anything else is a typo."""
    return 2000 <= day.year <= 2099


def within_years(form: forms.Form, cleaned: dict, *names: str) -> None:
    """A form's date fields outside in_programme_years get an error each."""
    for name in names:
        day = cleaned.get(name)
        if day and not in_programme_years(day):
            form.add_error(name, gettext("Enter a date between 2000 and 2099."))


def parse_month(text: str | None) -> datetime.date | None:
    """The first day of the month a "YYYY-MM" names, or None unless it is in_programme_years."""
    try:
        month = datetime.date.fromisoformat(f"{text or ''}-01")
    except ValueError:
        return None
    return month if in_programme_years(month) else None
