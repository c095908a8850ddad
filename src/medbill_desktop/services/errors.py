"""What the services raise for people to read. Domain errors (DomainError) pass through as they are."""

from medbill_desktop.domain.errors import DomainError, PermissionDenied


class ServiceError(Exception):
    """Something a user can act on went wrong; the message says what and where."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class UnlockError(ServiceError):
    """The database could not be opened: wrong key or passphrase, missing key, no file."""


class SignInError(ServiceError):
    pass


class NotSignedIn(ServiceError):
    def __init__(self) -> None:
        super().__init__("Sign in first.")


USER_FACING = (DomainError, ServiceError)
__all__ = ["DomainError", "PermissionDenied", "ServiceError", "UnlockError", "SignInError", "NotSignedIn",
           "USER_FACING"]
