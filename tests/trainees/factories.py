import datetime

import factory
from django.core.files.base import ContentFile

from jiexi.choices import Education
from tests.employers.factories import EmployerFactory, png_bytes
from trainees.models import Basis, Material, MaterialKind, Person

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_number(n: int, birth: str = "20020315") -> str:
    """A valid resident ID number for Siming district, distinct for each n."""
    body = f"350203{birth}{n % 1000:03d}"
    return body + _CHECK[sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True)) % 11]


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"陈小明{n}")
    id_number = factory.Sequence(lambda n: id_number(n, birth=f"{2000 + n // 1000 % 5}0315"))
    mobile = "13900002222"
    education = Education.BACHELOR
    school_name = "厦门大学"
    major = "汉语言文学"
    certificate_number = factory.Sequence(lambda n: f"1038412026{n:06d}")
    certificate_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=180))
    basis = Basis.XIAMEN_SCHOOL
    bank_name = "中国工商银行厦门分行"
    bank_account = "6222021234567891232"
    registered_by = factory.SubFactory(EmployerFactory)
    status = Person.Status.DRAFT

    class Params:
        submitted = factory.Trait(status=Person.Status.SUBMITTED)
        approved = factory.Trait(status=Person.Status.APPROVED)
        returned = factory.Trait(status=Person.Status.RETURNED)
        origin = factory.Trait(basis=Basis.XIAMEN_ORIGIN)


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    person = factory.SubFactory(PersonFactory)
    kind = MaterialKind.GRADUATION_CERTIFICATE
    file = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="scan.png"))


def with_all_materials(person: Person) -> Person:
    for kind in person.required_materials:
        MaterialFactory(person=person, kind=kind)
    return person
