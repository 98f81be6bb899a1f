"""The daily sweep: every deadline-driven move, in an order that lets one run settle the day."""

import datetime
import logging

from internships import services as internships
from jiexi import once, uploads
from notifications import reminders
from positions import services as positions
from subsidies import services as subsidies

log = logging.getLogger(__name__)


def run_daily_sweep(*, today: datetime.date) -> dict[str, int]:
    """Apply what is due on `today`; safe to run twice, or twice at once."""
    moved = {
        # Terminations first: a traineeship terminated before its end never completes.
        "terminations": internships.apply_terminations(today=today),
        "activated": internships.activate_due(today=today),
        "completed": internships.complete_due(today=today),
        "positions_closed": positions.close_expired_positions(today=today),
        "batches_locked": subsidies.lock_closed_drafts(today=today),
        "reminders": reminders.send_reminders(today=today),
        "orphaned_uploads": uploads.remove_orphans(),
        "form_keys_forgotten": once.forget_old(),
    }
    log.info("Daily sweep for %s: %s", today, moved)
    return moved
