"""Queue pagination that never counts a whole table."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows, so a queue with every status shown (a hundred
    thousand traineeships) answers as fast as one with fifty items; beyond the cap the
    queue says "more than 10,000" and a filter or a search narrows it."""

    cap = 10_000

    @cached_property
    def count(self) -> int:
        # COUNT(*) over a subquery with LIMIT: PostgreSQL stops reading at cap + 1 rows.
        return self.object_list[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap
