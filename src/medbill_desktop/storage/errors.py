"""Storage errors with messages for people, not stack traces."""


class StorageError(RuntimeError):
    pass


class WrongKeyError(StorageError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"The database {path} could not be opened: the passphrase or key is wrong, "
            "or the file is not a MedBill database."
        )


class KeyUnavailableError(StorageError):
    """No secure keyring and no passphrase: the database cannot be unlocked."""


class DatabaseMissingError(StorageError):
    def __init__(self, path: str) -> None:
        super().__init__(f"There is no MedBill database at {path}. Run 'medbill init' or 'medbill demo' first.")
