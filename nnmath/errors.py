"""Errors meant for a person: each says what went wrong, where, and how to fix it."""


class NnmathError(Exception):
    """Base class; the command line prints these as one line and exits non-zero."""


class DataError(NnmathError):
    """A data file is missing, truncated, corrupt or has the wrong checksum."""


class TraceError(NnmathError):
    """A trace file is unreadable, of another schema version, or inconsistent."""


class DivergedError(NnmathError):
    """Training produced NaN or inf (usually: the learning rate is too large)."""


class UsageError(NnmathError):
    """A command-line setting is out of range (exit status 2, as argparse's own errors)."""
