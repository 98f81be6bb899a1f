"""Pages a clerk fills in are valid where browsers are strict: no form inside another form
(a browser drops the inner tag, and with it the action and encoding the inner form meant)."""

import datetime
from html.parser import HTMLParser

import pytest
import time_machine
from django.urls import reverse

from internships.models import Extension
from tests.employers.factories import StaffFactory
from tests.internships.factories import ExtensionFactory, TraineeshipFactory
from tests.trainees.factories import PersonFactory

pytestmark = pytest.mark.django_db


class FormNesting(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.nested = 0
        self.forms = 0

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.forms += 1
            self.nested += self.depth > 0
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth -= 1


def forms_in(html: str) -> FormNesting:
    parser = FormNesting()
    parser.feed(html)
    return parser


def test_no_page_nests_a_form_in_another(client):
    staff = StaffFactory()
    draft = TraineeshipFactory(employer=staff.employer)
    active = TraineeshipFactory(employer=staff.employer, active=True, start=datetime.date(2027, 3, 1))
    ExtensionFactory(traineeship=active, status=Extension.Status.DRAFT)
    person = PersonFactory(registered_by=staff.employer)
    pages = [
        reverse("internships:detail", args=[draft.pk]),
        reverse("internships:detail", args=[active.pk]),
        reverse("trainees:detail", args=[person.pk]),
    ]
    with time_machine.travel(datetime.datetime(2027, 4, 1, 10, tzinfo=datetime.UTC), tick=False):
        client.force_login(staff.user)
        for url in pages:
            found = forms_in(client.get(url).content.decode())
            assert found.forms >= 2, url
            assert found.nested == 0, url
