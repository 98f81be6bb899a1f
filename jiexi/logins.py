"""Login throttling: django-axes, with a success that clears only the account's own failures."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Failures are counted per account and per address (AXES_LOCKOUT_PARAMETERS).

    django-axes' own reset on a successful login deletes every failure counted against the
    address as well, so anyone with an account could guess another account's password four
    times, log in to their own, and guess again without end. Here a success deletes only the
    failures of that account from that address: failures against other accounts still count,
    for the address and for the accounts they were aimed at."""

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count
