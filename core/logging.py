"""Log filters: a refused permission is an ordinary answer, not an error worth a traceback."""

import logging


class PermissionRefusalsAtInfo(logging.Filter):
    """Turn Django's 403 log records (``Forbidden (Permission denied)``, CSRF refusals) into one INFO line.

    Django logs them as warnings with the exception attached, so runserver prints a traceback for
    every visitor who opens a page their role does not allow.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.levelno = logging.INFO
            record.levelname = logging.getLevelName(logging.INFO)
            record.exc_info = None
            record.exc_text = None
        return True
