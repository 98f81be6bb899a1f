import datetime

import factory
from django.core.files.base import ContentFile

from internships.models import Extension, Traineeship
from tests.employers.factories import EmployerFactory, png_bytes
from tests.positions.factories import PositionFactory
from tests.trainees.factories import PersonFactory


class TraineeshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Traineeship

    employer = factory.SubFactory(EmployerFactory)
    person = factory.SubFactory(
        PersonFactory, status="approved", registered_by=factory.SelfAttribute("..employer")
    )
    position = factory.SubFactory(
        PositionFactory,
        status="published",
        openings=5,
        employer=factory.SelfAttribute("..employer"),
        valid_until=datetime.date(2099, 12, 31),
    )
    start = datetime.date(2027, 3, 1)
    end = datetime.date(2027, 5, 31)
    agreed_end = factory.SelfAttribute("end")
    mentor = "王建国"
    work_content = "协助完成日常财务核算。"
    agreement = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="agreement.png"))
    status = Traineeship.Status.DRAFT

    class Params:
        submitted = factory.Trait(status=Traineeship.Status.SUBMITTED)
        approved = factory.Trait(status=Traineeship.Status.APPROVED)
        active = factory.Trait(status=Traineeship.Status.ACTIVE)
        completed = factory.Trait(status=Traineeship.Status.COMPLETED)
        no_scan = factory.Trait(agreement="")


class ExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Extension

    traineeship = factory.SubFactory(TraineeshipFactory, status="active")
    previous_end = factory.SelfAttribute("traineeship.end")
    new_end = factory.LazyAttribute(lambda o: o.traineeship.end + datetime.timedelta(days=61))
    agreement = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="extension.png"))
