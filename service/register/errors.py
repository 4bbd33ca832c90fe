"""The register's errors, in the service's one error model."""

from __future__ import annotations

from ..errors import InvalidInput, VanbanError


class EntryNotFound(VanbanError):
    """No register entry has this id."""

    code = "entry_not_found"
    http_status = 404
    exit_code = 2


class RegisterConflict(VanbanError):
    """The request contradicts what the register holds (a reused key, a number voided twice)."""

    code = "register_conflict"
    http_status = 409
    exit_code = 2


class NotADraft(InvalidInput):
    """The input already carries a number: only the register gives numbers."""

    code = "already_numbered"


class UnknownBody(InvalidInput):
    """The issuing body is not one the site declares."""

    code = "unknown_body"


class StorageUnavailable(VanbanError):
    """The register's database cannot be reached or opened."""

    code = "register_unavailable"
    http_status = 503
    exit_code = 1


class InvalidSeriesRules(VanbanError):
    """The site folder's register/series.json cannot be read."""

    code = "invalid_site"
    http_status = 500
    exit_code = 2
