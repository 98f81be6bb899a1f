import datetime

import pytest
from django.core.exceptions import ValidationError

from internships import services
from internships.models import Extension, Traineeship
from tests.employers.factories import EmployerFactory, ReviewerFactory
from tests.internships.factories import ExtensionFactory, TraineeshipFactory
from tests.positions.factories import PositionFactory
from tests.trainees.factories import PersonFactory
from trainees.models import InsuranceRecord

pytestmark = pytest.mark.django_db
D = datetime.date


def draft(**kwargs):
    kwargs.setdefault("person__certificate_date", D(2026, 7, 1))
    kwargs.setdefault("position__valid_until", D(2027, 12, 31))
    return TraineeshipFactory(**kwargs)


class TestSubmission:
    def test_an_eligible_draft_is_submitted_and_records_the_filing_day(self):
        t = draft(start=D(2027, 3, 1), end=D(2027, 5, 31))
        services.submit_traineeship(traineeship=t, by=None, today=D(2027, 2, 28))
        t.refresh_from_db()
        assert t.status == Traineeship.Status.SUBMITTED and t.submitted_on == D(2027, 2, 28)

    def test_start_on_the_filing_day_is_refused(self):
        t = draft(start=D(2027, 3, 1))
        with pytest.raises(ValidationError) as error:
            services.submit_traineeship(traineeship=t, by=None, today=D(2027, 3, 1))
        assert "2027-03-02" in " ".join(error.value.messages)
        t.refresh_from_db()
        assert t.status == Traineeship.Status.DRAFT

    def test_a_traineeship_longer_than_the_position_offers_is_refused(self):
        t = draft(start=D(2027, 3, 1), end=D(2027, 9, 1), position__months_offered=6)
        with pytest.raises(ValidationError) as error:
            services.submit_traineeship(traineeship=t, by=None, today=D(2027, 2, 20))
        assert "2027-08-31" in " ".join(error.value.messages)
        t.end = D(2027, 8, 31)
        t.save()
        services.submit_traineeship(traineeship=t, by=None, today=D(2027, 2, 20))
        t.refresh_from_db()
        assert t.status == Traineeship.Status.SUBMITTED

    def test_every_reason_is_named_at_once(self):
        t = draft(no_scan=True, person__school_name="福州大学", person__certificate_date=D(2024, 1, 1))
        InsuranceRecord.objects.create(
            id_number=t.person.id_number, employer_name="某公司", first_month=D(2026, 1, 1)
        )
        with pytest.raises(ValidationError) as error:
            services.submit_traineeship(traineeship=t, by=None, today=D(2027, 2, 20))
        text = " ".join(error.value.messages)
        for fragment in ["扫描件", "两年", "在厦院校", "社会保险"]:
            assert fragment in text, fragment

    def test_a_pending_employer_cannot_submit(self):
        t = draft(employer=EmployerFactory(pending=True))
        with pytest.raises(ValidationError):
            services.submit_traineeship(traineeship=t, by=None, today=D(2027, 2, 20))

    def test_the_openings_bound_the_filings(self):
        position = PositionFactory(published=True, openings=1, valid_until=D(2027, 12, 31))
        first = draft(position=position, employer=position.employer)
        second = draft(position=position, employer=position.employer)
        services.submit_traineeship(traineeship=first, by=None, today=D(2027, 2, 20))
        with pytest.raises(ValidationError) as error:
            services.submit_traineeship(traineeship=second, by=None, today=D(2027, 2, 20))
        assert "名额" in " ".join(error.value.messages)

    def test_an_overlapping_second_filing_is_refused_and_a_follow_on_one_allowed(self):
        person = PersonFactory(approved=True, certificate_date=D(2026, 7, 1))
        first = draft(person=person, start=D(2027, 3, 1), end=D(2027, 5, 31))
        overlapping = draft(person=person, start=D(2027, 5, 1), end=D(2027, 8, 31))
        follow_on = draft(person=person, start=D(2027, 6, 1), end=D(2027, 8, 31))
        services.submit_traineeship(traineeship=first, by=None, today=D(2027, 2, 20))
        with pytest.raises(ValidationError) as error:
            services.submit_traineeship(traineeship=overlapping, by=None, today=D(2027, 2, 20))
        assert "重叠" in " ".join(error.value.messages)
        services.submit_traineeship(traineeship=follow_on, by=None, today=D(2027, 5, 31))

    def test_an_earlier_traineeship_counts_towards_the_cap_and_overlaps(self):
        person = PersonFactory(approved=True, certificate_date=D(2026, 7, 1))
        TraineeshipFactory(person=person, completed=True, start=D(2026, 9, 1), end=D(2027, 6, 30))
        t = draft(person=person, start=D(2027, 6, 1), end=D(2027, 9, 30))
        with pytest.raises(ValidationError) as error:
            services.submit_traineeship(traineeship=t, by=None, today=D(2027, 5, 20))
        text = " ".join(error.value.messages)
        assert "12个月" in text and "重叠" in text


class TestReview:
    def test_approval_before_the_start_waits_and_after_it_activates(self):
        waiting = draft(submitted=True, start=D(2027, 3, 1))
        services.approve_traineeship(traineeship=waiting, by=ReviewerFactory(), today=D(2027, 2, 25))
        assert waiting.status == Traineeship.Status.APPROVED
        late = draft(submitted=True, start=D(2027, 3, 1))
        services.approve_traineeship(traineeship=late, by=ReviewerFactory(), today=D(2027, 3, 2))
        assert late.status == Traineeship.Status.ACTIVE

    def test_only_a_submitted_traineeship_can_be_decided(self):
        t = draft()
        with pytest.raises(ValidationError):
            services.approve_traineeship(traineeship=t, by=None, today=D(2027, 2, 25))
        with pytest.raises(ValidationError):
            services.return_traineeship(traineeship=t, by=None, reason="x")


class TestLifecycle:
    def test_the_daily_moves_happen_once(self):
        starting = TraineeshipFactory(approved=True, start=D(2027, 3, 1), end=D(2027, 5, 31))
        ending = TraineeshipFactory(active=True, start=D(2027, 1, 1), end=D(2027, 2, 28))
        for _ in range(2):
            services.activate_due(today=D(2027, 3, 1))
            services.complete_due(today=D(2027, 3, 1))
        starting.refresh_from_db()
        ending.refresh_from_db()
        assert starting.status == Traineeship.Status.ACTIVE
        assert ending.status == Traineeship.Status.COMPLETED
        assert starting.history().filter(to_status="active").count() == 1

    def test_the_end_date_itself_is_still_active(self):
        t = TraineeshipFactory(active=True, end=D(2027, 5, 31))
        assert services.complete_due(today=D(2027, 5, 31)) == 0
        assert services.complete_due(today=D(2027, 6, 1)) == 1
        t.refresh_from_db()
        assert t.status == Traineeship.Status.COMPLETED

    def test_a_pending_extension_holds_off_completion(self):
        extension = ExtensionFactory(status=Extension.Status.SUBMITTED)
        assert services.complete_due(today=extension.traineeship.end + datetime.timedelta(days=1)) == 0


class TestExtension:
    def active(self, **kwargs):
        return TraineeshipFactory(active=True, start=D(2027, 3, 1), end=D(2027, 5, 31), **kwargs)

    def test_it_is_accepted_the_day_before_the_end_and_refused_on_the_end_date(self):
        on_time = ExtensionFactory(traineeship=self.active(), new_end=D(2027, 7, 31))
        services.submit_extension(extension=on_time, by=None, today=D(2027, 5, 30))
        on_time.refresh_from_db()
        assert on_time.status == Extension.Status.SUBMITTED

        late = ExtensionFactory(traineeship=self.active(), new_end=D(2027, 7, 31))
        with pytest.raises(ValidationError) as error:
            services.submit_extension(extension=late, by=None, today=D(2027, 5, 31))
        assert "2027-05-30" in " ".join(error.value.messages)

    def test_approval_moves_the_end_and_the_history_shows_both(self):
        extension = ExtensionFactory(
            traineeship=self.active(), new_end=D(2027, 7, 31), status=Extension.Status.SUBMITTED
        )
        services.approve_extension(extension=extension, by=ReviewerFactory())
        t = extension.traineeship
        t.refresh_from_db()
        assert t.end == D(2027, 7, 31) and t.agreed_end == D(2027, 5, 31)
        note = t.history().last().display_note
        assert "2027-05-31" in note and "2027-07-31" in note

    def test_an_extension_past_the_cap_is_refused(self):
        t = TraineeshipFactory(active=True, start=D(2027, 3, 1), end=D(2027, 12, 31))
        extension = ExtensionFactory(traineeship=t, new_end=D(2028, 3, 1))
        with pytest.raises(ValidationError) as error:
            services.submit_extension(extension=extension, by=None, today=D(2027, 12, 1))
        assert "360" in " ".join(error.value.messages)

    def test_an_extension_into_the_graduates_next_traineeship_is_refused(self):
        t = self.active()
        TraineeshipFactory(
            person=t.person,
            submitted=True,
            start=D(2027, 6, 20),
            end=D(2027, 8, 19),
            submitted_on=D(2027, 5, 1),
        )
        extension = ExtensionFactory(traineeship=t, new_end=D(2027, 7, 31))
        with pytest.raises(ValidationError) as error:
            services.submit_extension(extension=extension, by=None, today=D(2027, 5, 20))
        assert "2027-06-20" in " ".join(error.value.messages)
        extension.refresh_from_db()
        assert extension.status == Extension.Status.DRAFT

    def test_an_extension_up_to_the_day_before_the_next_traineeship_is_accepted(self):
        t = self.active()
        TraineeshipFactory(person=t.person, approved=True, start=D(2027, 6, 20), end=D(2027, 8, 19))
        extension = ExtensionFactory(traineeship=t, new_end=D(2027, 6, 19))
        services.submit_extension(extension=extension, by=None, today=D(2027, 5, 20))
        extension.refresh_from_db()
        assert extension.status == Extension.Status.SUBMITTED

    def test_approval_refuses_an_extension_that_now_overlaps(self):
        t = self.active()
        extension = ExtensionFactory(traineeship=t, new_end=D(2027, 7, 31), status=Extension.Status.SUBMITTED)
        # Filed around the check, as data from before the check would be.
        TraineeshipFactory(person=t.person, approved=True, start=D(2027, 7, 1), end=D(2027, 8, 31))
        with pytest.raises(ValidationError):
            services.approve_extension(extension=extension, by=None)
        t.refresh_from_db()
        extension.refresh_from_db()
        assert t.end == D(2027, 5, 31) and extension.status == Extension.Status.SUBMITTED

    def test_a_new_filing_inside_an_extension_under_review_is_refused(self):
        t = self.active()
        ExtensionFactory(traineeship=t, new_end=D(2027, 7, 31), status=Extension.Status.SUBMITTED)
        later = draft(person=t.person, start=D(2027, 6, 20), end=D(2027, 8, 19))
        with pytest.raises(ValidationError) as error:
            services.submit_traineeship(traineeship=later, by=None, today=D(2027, 5, 20))
        assert "重叠" in " ".join(error.value.messages)
        later.refresh_from_db()
        assert later.status == Traineeship.Status.DRAFT

    def test_a_pending_extension_can_be_edited_until_decided(self):
        extension = ExtensionFactory(
            traineeship=self.active(), new_end=D(2027, 7, 31), status=Extension.Status.SUBMITTED
        )
        extension.new_end = D(2027, 8, 31)
        services.save_extension(extension=extension, by=None, today=D(2027, 5, 20))
        extension.refresh_from_db()
        assert extension.new_end == D(2027, 8, 31) and extension.status == Extension.Status.DRAFT
        extension.transition_to(Extension.Status.SUBMITTED)
        services.approve_extension(extension=extension, by=None)
        extension.new_end = D(2027, 9, 30)
        with pytest.raises(ValidationError):
            services.save_extension(extension=extension, by=None, today=D(2027, 5, 20))

    def test_only_one_open_extension(self):
        t = self.active()
        services.save_extension(
            extension=Extension(traineeship=t, new_end=D(2027, 7, 31)), by=None, today=D(2027, 5, 1)
        )
        with pytest.raises(ValidationError):
            services.save_extension(
                extension=Extension(traineeship=t, new_end=D(2027, 8, 31)), by=None, today=D(2027, 5, 1)
            )


class TestTermination:
    def running(self):
        return TraineeshipFactory(active=True, start=D(2027, 3, 1), end=D(2027, 5, 31))

    def test_entered_on_the_penultimate_day_is_accepted_on_the_last_day_refused(self):
        t = self.running()
        services.terminate(traineeship=t, by=None, on=D(2027, 3, 15), reason="个人原因", today=D(2027, 3, 30))
        assert t.terminated_on == D(2027, 3, 15) and t.status == Traineeship.Status.TERMINATED

        late = self.running()
        with pytest.raises(ValidationError) as error:
            services.terminate(
                traineeship=late, by=None, on=D(2027, 3, 15), reason="个人原因", today=D(2027, 3, 31)
            )
        assert "2027-03-30" in " ".join(error.value.messages)
        late.refresh_from_db()
        assert late.terminated_on is None

    def test_a_future_termination_takes_effect_after_its_date(self):
        t = self.running()
        services.terminate(traineeship=t, by=None, on=D(2027, 4, 20), reason="双方协商", today=D(2027, 4, 10))
        assert t.status == Traineeship.Status.ACTIVE
        assert services.apply_terminations(today=D(2027, 4, 20)) == 0
        assert services.apply_terminations(today=D(2027, 4, 21)) == 1
        t.refresh_from_db()
        assert t.status == Traineeship.Status.TERMINATED and t.last_day == D(2027, 4, 20)

    def test_the_date_must_fall_within_the_traineeship(self):
        t = self.running()
        with pytest.raises(ValidationError):
            services.terminate(traineeship=t, by=None, on=D(2027, 6, 1), reason="x", today=D(2027, 5, 20))

    def test_a_terminated_period_ends_on_its_termination_date_for_the_cap(self):
        t = self.running()
        services.terminate(traineeship=t, by=None, on=D(2027, 3, 15), reason="x", today=D(2027, 3, 20))
        assert Traineeship.objects.periods_of(t.person).get().period == (D(2027, 3, 1), D(2027, 3, 15))


def test_retention_is_recorded_after_the_end():
    t = TraineeshipFactory(completed=True)
    services.record_retention(traineeship=t, by=None, kept_on=True)
    t.refresh_from_db()
    assert t.kept_on is True
    with pytest.raises(ValidationError):
        services.record_retention(traineeship=TraineeshipFactory(active=True), by=None, kept_on=True)


def test_a_filled_position_leaves_the_public_search():
    from positions.models import Position

    position = PositionFactory(published=True, openings=1, valid_until=D(2099, 1, 1))
    assert position in Position.objects.published(D(2027, 1, 1)).with_openings_left()
    TraineeshipFactory(position=position, employer=position.employer, active=True)
    assert position not in Position.objects.published(D(2027, 1, 1)).with_openings_left()


def test_holding_states_agree_between_positions_and_traineeships():
    from positions.models import HOLDING_STATUSES

    assert set(HOLDING_STATUSES) == set(Traineeship.HOLDING)


class TestFoundByAttack:
    def test_approval_refuses_a_traineeship_beyond_the_openings(self):
        position = PositionFactory(published=True, openings=1, valid_until=D(2027, 12, 31))
        TraineeshipFactory(position=position, employer=position.employer, approved=True)
        late = TraineeshipFactory(position=position, employer=position.employer, submitted=True)
        with pytest.raises(ValidationError):
            services.approve_traineeship(traineeship=late, by=None, today=D(2027, 2, 25))

    def test_approval_refuses_a_traineeship_overlapping_another_of_the_graduate(self):
        first = draft(approved=True, start=D(2027, 3, 1), end=D(2027, 5, 31))
        second = draft(person=first.person, submitted=True, start=D(2027, 5, 1), end=D(2027, 6, 30))
        with pytest.raises(ValidationError, match="2027-03-01"):
            services.approve_traineeship(traineeship=second, by=None, today=D(2027, 2, 25))
        second.refresh_from_db()
        assert second.status == Traineeship.Status.SUBMITTED

    def test_approval_refuses_a_traineeship_longer_than_its_position_now_offers(self):
        t = draft(submitted=True, start=D(2027, 3, 1), end=D(2027, 8, 31), position__months_offered=6)
        Position = type(t.position)
        Position.objects.filter(pk=t.position_id).update(months_offered=3)
        with pytest.raises(ValidationError, match="2027-05-31"):
            services.approve_traineeship(traineeship=t, by=None, today=D(2027, 2, 25))
        t.refresh_from_db()
        assert t.status == Traineeship.Status.SUBMITTED

    def test_approval_refuses_a_closed_position(self):
        t = draft(submitted=True)
        t.position.status = "closed"
        t.position.save()
        with pytest.raises(ValidationError):
            services.approve_traineeship(traineeship=t, by=None, today=D(2027, 2, 25))

    def test_termination_withdraws_an_open_extension_which_can_then_not_be_approved(self):
        extension = ExtensionFactory(status=Extension.Status.SUBMITTED)
        t = extension.traineeship
        services.terminate(traineeship=t, by=None, on=D(2027, 4, 12), reason="个人原因", today=D(2027, 4, 10))
        extension.refresh_from_db()
        assert extension.status == Extension.Status.WITHDRAWN
        with pytest.raises(ValidationError):
            services.approve_extension(extension=extension, by=None)

    def test_an_extension_to_an_earlier_date_is_a_clear_refusal(self):
        extension = ExtensionFactory()
        extension.new_end = D(2027, 5, 1)
        with pytest.raises(ValidationError, match="2027-05-31"):
            services.save_extension(extension=extension, by=None, today=D(2027, 4, 1))
        with pytest.raises(ValidationError, match="2027-05-31"):
            services.save_extension(
                extension=Extension(traineeship=TraineeshipFactory(active=True), new_end=D(2027, 5, 1)),
                by=None,
                today=D(2027, 4, 1),
            )

    def test_a_submitted_extension_cannot_be_changed_after_the_deadline(self):
        extension = ExtensionFactory(status=Extension.Status.SUBMITTED)
        extension.new_end = extension.new_end + datetime.timedelta(days=10)
        with pytest.raises(ValidationError):
            services.save_extension(extension=extension, by=None, today=D(2027, 5, 31))
        extension.refresh_from_db()
        assert extension.status == Extension.Status.SUBMITTED

    def test_saving_an_unchanged_extension_changes_nothing(self):
        extension = ExtensionFactory(status=Extension.Status.SUBMITTED)
        services.save_extension(
            extension=Extension.objects.get(pk=extension.pk), by=None, today=D(2027, 6, 3)
        )
        extension.refresh_from_db()
        assert extension.status == Extension.Status.SUBMITTED

    def test_new_dates_void_the_signed_scan(self):
        t = draft()
        t.start, t.end = D(2027, 4, 1), D(2027, 9, 30)
        assert services.update_draft(traineeship=t, by=None) is True
        t.refresh_from_db()
        assert not t.agreement and t.agreed_end == D(2027, 9, 30)

    def test_an_approved_traineeship_is_not_extended_before_it_starts(self):
        t = TraineeshipFactory(approved=True, start=D(2027, 5, 1), end=D(2027, 7, 31))
        with pytest.raises(ValidationError):
            services.save_extension(
                extension=Extension(traineeship=t, new_end=D(2027, 9, 30)), by=None, today=D(2027, 4, 10)
            )

    def test_ending_soon_counts_a_scheduled_termination(self):
        t = TraineeshipFactory(active=True, start=D(2027, 3, 1), end=D(2027, 12, 31))
        services.terminate(traineeship=t, by=None, on=D(2027, 4, 20), reason="x", today=D(2027, 4, 10))
        assert list(Traineeship.objects.ending_within(D(2027, 4, 10), 30)) == [t]
        t.refresh_from_db()
        assert t.next_deadline(D(2027, 4, 10))[1] == D(2027, 4, 20)

    def test_a_position_cannot_drop_below_the_openings_held(self):
        from positions import services as positions

        position = PositionFactory(published=True, openings=2, valid_until=D(2027, 12, 31))
        TraineeshipFactory.create_batch(2, position=position, employer=position.employer, active=True)
        position.openings = 1
        with pytest.raises(ValidationError):
            positions.save_position(position=position, by=None, today=D(2027, 2, 1))
