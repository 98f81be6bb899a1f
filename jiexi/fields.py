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


def parse_month(text: str | None) -> datetime.date | None:
    """The first day of the month a "YYYY-MM" names, or None unless it is a month of
    2000–2099 (the years the programme's dates are kept in)."""
    try:
        month = datetime.date.fromisoformat(f"{text or ''}-01")
    except ValueError:
        return None
    return month if 2000 <= month.year <= 2099 else None
