"""A logging filter: client errors (4xx) are logged on one line, without a traceback.

Django logs a refused permission (403) or a missing page with the exception attached, so
every refusal printed a traceback; only server errors (5xx) need one.
"""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
