"""Errors of the centre API client. Each carries one plain reason (never the token)."""
from __future__ import annotations


class CentreError(Exception):
    """The centre could not give a usable answer."""

    def __init__(self, reason: str, *, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


class CentreUnavailable(CentreError):
    """Network error, timeout, or a 5xx answer after the retries."""


class CentreRejected(CentreError):
    """The centre refused the request with a 4xx answer (bad token, unknown procedure, ...)."""


class CentreMalformed(CentreError):
    """The centre answered something that is not what the contract says (bad JSON, wrong types,
    an HTML page, an answer over the size cap)."""
