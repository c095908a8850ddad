"""Errors the domain raises; each carries a message a user can act on."""


class DomainError(ValueError):
    """A rule of the business was broken. `field` names where to fix it, when there is one place."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDenied(DomainError):
    """The signed-in user's role does not allow this action."""
