"""Errors the user can act on. The CLI prints their message on one line and exits non-zero."""


class AlignerError(Exception):
    """A problem with the input or the request, explained in one line."""

    exit_code = 2


class InputError(AlignerError):
    """A file that cannot be read: missing, empty, binary, undecodable, unsafe."""


class MismatchError(AlignerError):
    """Two files that should not be aligned: same language, or different documents."""

    exit_code = 3
