"""Password rules, worded so that Django's own Chinese catalogue covers the messages."""

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        # Django 5.2 reworded this message and its zh-hans catalogue lacks the new text.
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id at the parameters the OWASP password-storage guidance names first
    (19 MiB, two passes, one lane): about 20 ms of one core per login, where Django's
    default PBKDF2 takes about 320 ms, so logins at the month-end rush do not queue behind
    each other. Memory-hard, so no weaker against GPU guessing for being quicker."""

    algorithm = "argon2"  # the same encoding as Django's; only the cost differs
    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
