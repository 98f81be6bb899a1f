import datetime

import factory
from django.utils import timezone

from jiexi.choices import District, EducationRequirement
from positions.models import Position
from tests.employers.factories import EmployerFactory


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"行政助理{n}")
    openings = 2
    education = EducationRequirement.JUNIOR_COLLEGE
    major_requirement = "不限"
    duties = "协助部门处理日常行政事务。"
    district = District.HULI
    address = "厦门市湖里区高林中路1号"
    months_offered = 6
    contact_name = "王老师"
    contact_phone = "0592-5396591"
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    status = Position.Status.DRAFT

    class Params:
        submitted = factory.Trait(status=Position.Status.SUBMITTED)
        published = factory.Trait(status=Position.Status.PUBLISHED)
        returned = factory.Trait(status=Position.Status.RETURNED)
        closed = factory.Trait(status=Position.Status.CLOSED)
