"""The one refusal a write action raises, with a message for people (translated).

Every refusal of every app is an `ActionRefused` (or one of its subclasses carrying extra
data), so the web layer shows them one way (`web/refusals.py`) and the API answers them
as JSON. `NotAllowed` is also Django's `PermissionDenied`: a page answers it with 403.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _


class ActionRefused(Exception):
    """A write action cannot be done. `message` is shown as is, `field` names the form
    field it is about (or None for the whole form)."""

    status = 409

    def __init__(self, message, *, field: str | None = None, field_errors=None):
        super().__init__(str(message))
        self.message = message
        self.field = field
        # {field name or None: [messages]} when a model's validation failed.
        self.field_errors = field_errors or {}

    def __str__(self) -> str:
        return str(self.message)

    @classmethod
    def from_validation_error(cls, error: ValidationError) -> "ActionRefused":
        if hasattr(error, "error_dict"):
            field_errors = {
                (None if name == "__all__" else name): [str(m) for m in ValidationError(messages)]
                for name, messages in error.error_dict.items()
            }
            message = " ".join(m for messages in field_errors.values() for m in messages)
            return cls(message, field_errors=field_errors)
        return cls(" ".join(str(m) for m in error.messages))


class NotAllowed(ActionRefused, PermissionDenied):
    """The acting user may not do this. `what` names the action for the logs only."""

    status = 403

    def __init__(self, what: str = ""):
        super().__init__(_("Vous n'avez pas le droit de faire cette action."))
        self.what = what
