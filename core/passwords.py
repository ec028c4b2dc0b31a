"""An offline check against leaked and easily guessed passwords, for AUTH_PASSWORD_VALIDATORS.

zxcvbn (MIT) ships, inside the package, the 30,000 most common passwords of Xato's corpus of
ten million leaked passwords, with common English words, names and film and TV words; it finds a
password made from them (capitals, l33t spelling, reversed, with a year or a keyboard run added)
and estimates how many guesses a password-cracking tool needs. Nothing leaves the server.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from zxcvbn import zxcvbn

# zxcvbn's work grows with the square of the length; what follows this many characters only adds
# strength, so it is not looked at.
CHECKED_LENGTH = 100
LEAKED_LIST = "passwords"


class BreachedPasswordValidator:
    """Refuses a password that guessing tools try early: below zxcvbn's `min_score` (3: more
    than 10^8 guesses), saying whether it is, or is built from, a known leaked password."""

    def __init__(self, min_score: int = 3):
        self.min_score = min_score

    def validate(self, password: str, user=None) -> None:
        inputs = [value for value in (getattr(user, "username", ""), getattr(user, "email", ""),
                                      getattr(user, "first_name", ""), getattr(user, "last_name", "")) if value]
        result = zxcvbn(password[:CHECKED_LENGTH], user_inputs=inputs)
        if result["score"] >= self.min_score:
            return
        if any(match.get("dictionary_name") == LEAKED_LIST for match in result["sequence"]):
            raise ValidationError(
                _("This password is, or is built from, a password published in leaks of stolen "
                  "passwords; guessing tools try those first. Choose another."),
                code="password_leaked",
            )
        raise ValidationError(
            _("This password is too easy to guess: it is made of common words, names, dates or "
              "keyboard patterns. Add more words or characters nobody would expect."),
            code="password_guessable",
        )

    def get_help_text(self) -> str:
        return _("Your password can't be a leaked password or one made of common words, names, "
                 "dates or keyboard patterns.")
