"""The funds' one refusal with data of its own (every other refusal is `ActionRefused`)."""

from frenchtech.core.refusals import ActionRefused


class OverCommitment(ActionRefused):
    """Committing this amount would take the pool beyond what is left of its envelope."""
