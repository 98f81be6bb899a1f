"""The one place that renders PDFs: agreements, extension agreements, completion certificates."""

import functools

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from jiexi import rules

from .models import Extension, Traineeship


def monthly_rate(traineeship: Traineeship):
    """The subsidy rate quoted in the agreement."""
    return rules.DEFAULT_MONTHLY_RATE


def agreement_context(traineeship: Traineeship) -> dict:
    return {
        "t": traineeship,
        "employer": traineeship.employer,
        "person": traineeship.person,
        "position": traineeship.position,
        "rate": monthly_rate(traineeship),
        "daily_rate": rules.subsidy_amount(monthly_rate(traineeship), 1),
        "months": rules.period_basis_days(traineeship.start, traineeship.end) / rules.BASIS_DAYS_PER_MONTH,
        "today": timezone.localdate(),
    }


def render_html(template: str, context: dict) -> str:
    # Documents are always in Chinese, whatever language the clerk browses in.
    with translation.override("zh-hans"):
        return render_to_string(template, context)


@functools.cache
def _fonts() -> FontConfiguration:
    # Finding the CJK fonts through fontconfig is the slow part of a first render; do it once.
    return FontConfiguration()


def to_pdf(html: str) -> bytes:
    return HTML(string=html).write_pdf(font_config=_fonts())


def agreement_html(traineeship: Traineeship) -> str:
    return render_html("internships/pdf/agreement.html", agreement_context(traineeship))


def agreement_pdf(traineeship: Traineeship) -> bytes:
    return to_pdf(agreement_html(traineeship))


def extension_html(extension: Extension) -> str:
    context = agreement_context(extension.traineeship)
    context["extension"] = extension
    return render_html("internships/pdf/extension.html", context)


def extension_pdf(extension: Extension) -> bytes:
    return to_pdf(extension_html(extension))


def certificate_html(traineeship: Traineeship) -> str:
    return render_html("internships/pdf/certificate.html", agreement_context(traineeship))


def certificate_pdf(traineeship: Traineeship) -> bytes:
    return to_pdf(certificate_html(traineeship))
