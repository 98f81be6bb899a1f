import io

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from PIL import Image

from employers.models import Employer, Staff
from jiexi.choices import District

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code(n: int) -> str:
    """A valid unified social credit code built from a sequence number."""
    body = f"91350200MA{n:07d}"
    total = sum(_ALPHABET.index(c) * w for c, w in zip(body, _WEIGHTS, strict=False))
    return body + _ALPHABET[(31 - total % 31) % 31]


def png_bytes(size=(60, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.cn")
    password = factory.django.Password("Secret-pass-1")


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"厦门测试科技有限公司{n}")
    credit_code = factory.Sequence(credit_code)
    kind = Employer.Kind.ENTERPRISE
    district = District.SIMING
    address = "厦门市思明区软件园二期望海路1号"
    contact_name = "陈静"
    mobile = "13900001111"
    email = "hr@example.cn"
    licence = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="licence.png"))
    status = Employer.Status.VERIFIED

    class Params:
        pending = factory.Trait(status=Employer.Status.PENDING)
        returned = factory.Trait(status=Employer.Status.RETURNED)
        public_sector = factory.Trait(kind=Employer.Kind.INSTITUTION)


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff

    user = factory.SubFactory(UserFactory)
    employer = factory.SubFactory(EmployerFactory)
    full_name = "林小红"
    is_manager = True


class ReviewerFactory(UserFactory):
    is_staff = True

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        from reviews.roles import REVIEWER, ensure_roles

        if create:
            ensure_roles()
            self.groups.add(Group.objects.get(name=extracted or REVIEWER))
