class CommitteeRefused(Exception):
    """A committee action cannot be done; `message` is for people (French, translated)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
