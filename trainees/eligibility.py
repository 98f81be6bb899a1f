"""The eligibility panel: every SPEC §3 rule, passed or failed, with the figure that decides it.

The verdict comes from rules.eligibility_problems alone; this module only gathers the
candidate's data and words the result.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Max, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from employers.models import Employer
from jiexi import rules
from jiexi.rules import Ineligible

from .models import Basis, Person

# Rules that need the traineeship's dates; without dates they are shown as still to check.
DATE_RULES = frozenset(
    {Ineligible.START_TOO_EARLY, Ineligible.OVERLAPS_EXISTING, Ineligible.END_BEFORE_START}
)


@dataclass(frozen=True)
class RuleCheck:
    rule: Ineligible
    passed: bool | None  # None: needs the traineeship's dates
    title: str
    detail: str


def earlier_periods(
    person: Person, *, exclude_pk: int | None = None, filed_by: datetime.date | None = None
) -> tuple[tuple[datetime.date, datetime.date], ...]:
    """The person's other traineeship periods (a terminated one ends on its termination date,
    one with an extension under review on the end that extension asks for); with `filed_by`,
    only those filed by that day, as a decided filing was judged."""
    from internships.models import Extension, Traineeship  # internships builds on trainees

    traineeships = (
        Traineeship.objects.periods_of(person)
        .only("start", "end", "terminated_on")
        .annotate(
            asked_end=Max("extensions__new_end", filter=Q(extensions__status=Extension.Status.SUBMITTED))
        )
    )
    if exclude_pk is not None:
        traineeships = traineeships.exclude(pk=exclude_pk)
    if filed_by is not None:
        traineeships = traineeships.filter(submitted_on__lte=filed_by)
    periods = []
    for t in traineeships:
        start, last = t.period
        if t.asked_end is not None and t.terminated_on is None:
            last = max(last, t.asked_end)
        periods.append((start, last))
    return tuple(sorted(periods))


def candidate_for(
    person: Person, *, exclude_pk: int | None = None, filed_by: datetime.date | None = None
) -> rules.Candidate:
    return rules.Candidate(
        certificate_date=person.certificate_date,
        xiamen_origin=person.basis == Basis.XIAMEN_ORIGIN,
        xiamen_school=person.school_in_xiamen,
        first_insured_on=person.first_insured_on,
        periods=earlier_periods(person, exclude_pk=exclude_pk, filed_by=filed_by),
    )


def _d(day: datetime.date) -> str:
    return date_format(day, "Y-m-d")


def explain(
    person: Person,
    *,
    employer: Employer,
    filed_on: datetime.date,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    exclude_pk: int | None = None,
    as_filed: bool = False,
) -> list[RuleCheck]:
    """Each rule that applies to this employer, with its verdict for a filing on `filed_on`.
    With `as_filed`, other traineeships count only if they had been filed by then: a decided
    filing is shown as it stood, not with the traineeships that came after it."""
    candidate = candidate_for(person, exclude_pk=exclude_pk, filed_by=filed_on if as_filed else None)
    dated = start is not None and end is not None
    probe_start = start if dated else rules.earliest_start(filed_on)
    probe_end = end if dated else probe_start
    failed = set(
        rules.eligibility_problems(
            candidate,
            public_sector=employer.is_public_sector,
            filed_on=filed_on,
            start=probe_start,
            end=probe_end,
        )
    )
    used = rules.total_basis_days(candidate.periods)
    this = rules.period_basis_days(start, end) if dated and end >= start else 0
    facts = {
        "person": person,
        "candidate": candidate,
        "filed_on": filed_on,
        "start": start,
        "end": end,
        "used": used,
        "this": this,
    }
    checks = []
    for rule in Ineligible:
        if rule is Ineligible.ORIGIN_REQUIRED and not employer.is_public_sector:
            continue
        if rule is Ineligible.ORIGIN_OR_XIAMEN_SCHOOL_REQUIRED and employer.is_public_sector:
            continue
        passed = None if (rule in DATE_RULES and not dated) else rule not in failed
        title, detail = WORDING[rule](facts)
        checks.append(RuleCheck(rule=rule, passed=passed, title=title, detail=detail))
    return checks


def _graduation(f) -> tuple[str, str]:
    cert = f["candidate"].certificate_date
    return _("Graduated within two years"), _(
        "Certificate issued %(issued)s; the last day to file is %(deadline)s; filing on %(filed)s."
    ) % {"issued": _d(cert), "deadline": _d(rules.graduation_deadline(cert)), "filed": _d(f["filed_on"])}


def _origin(f) -> tuple[str, str]:
    return _("Xiamen origin (required by government agencies and public institutions)"), _(
        "Basis of eligibility: %(basis)s."
    ) % {"basis": f["person"].get_basis_display()}


def _origin_or_school(f) -> tuple[str, str]:
    person = f["person"]
    where = _("in Xiamen") if person.school_in_xiamen else _("not a Xiamen school")
    return _("Xiamen origin or a graduate of a Xiamen school"), _(
        "Basis: %(basis)s; school: %(school)s (%(where)s)."
    ) % {"basis": person.get_basis_display(), "school": person.school_name, "where": where}


def _insured(f) -> tuple[str, str]:
    first = f["candidate"].first_insured_on
    if first is None:
        return _("No social insurance paid by an employer before"), _("No social-insurance record.")
    return _("No social insurance paid by an employer before"), _(
        "Social insurance first paid in %(month)s; filing on %(filed)s."
    ) % {"month": f"{first:%Y-%m}", "filed": _d(f["filed_on"])}


def _cap(f) -> tuple[str, str]:
    left = max(0, rules.MAX_TOTAL_BASIS_DAYS - f["used"])
    detail = _("%(used)d of %(cap)d days used by earlier traineeships; %(left)d days left.") % {
        "used": f["used"],
        "cap": rules.MAX_TOTAL_BASIS_DAYS,
        "left": left,
    }
    if f["this"]:
        detail += " " + _("This traineeship counts %(days)d days.") % {"days": f["this"]}
    return _("At most 12 months of traineeship in total"), detail


def _start(f) -> tuple[str, str]:
    earliest = rules.earliest_start(f["filed_on"])
    title = _("Starts after the filing day")
    if f["start"] is None:
        return title, _("Filing on %(filed)s, the earliest start is %(earliest)s.") % {
            "filed": _d(f["filed_on"]),
            "earliest": _d(earliest),
        }
    return title, _(
        "Filing on %(filed)s, the earliest start is %(earliest)s; the planned start is %(start)s."
    ) % {
        "filed": _d(f["filed_on"]),
        "earliest": _d(earliest),
        "start": _d(f["start"]),
    }


def _overlap(f) -> tuple[str, str]:
    periods = f["candidate"].periods
    if not periods:
        return _("Does not overlap an earlier traineeship"), _("No earlier traineeship.")
    listed = "; ".join(f"{_d(s)} – {_d(e)}" for s, e in periods)
    return _("Does not overlap an earlier traineeship"), _("Earlier traineeships: %(periods)s.") % {
        "periods": listed
    }


def _order(f) -> tuple[str, str]:
    if f["start"] is None:
        return _("Ends after it starts"), _("Enter the start and end dates.")
    return _("Ends after it starts"), _("From %(start)s to %(end)s.") % {
        "start": _d(f["start"]),
        "end": _d(f["end"]),
    }


WORDING = {
    Ineligible.GRADUATED_TOO_LONG_AGO: _graduation,
    Ineligible.ORIGIN_REQUIRED: _origin,
    Ineligible.ORIGIN_OR_XIAMEN_SCHOOL_REQUIRED: _origin_or_school,
    Ineligible.INSURED_BEFORE: _insured,
    Ineligible.CAP_EXCEEDED: _cap,
    Ineligible.START_TOO_EARLY: _start,
    Ineligible.OVERLAPS_EXISTING: _overlap,
    Ineligible.END_BEFORE_START: _order,
}
