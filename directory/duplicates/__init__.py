"""Possible duplicate leaders and organizations: detection (never merges by itself) and the
staff decisions on a flagged pair (merge or dismiss)."""

from .detection import (
    MAX_GROUP,
    NAME_SIMILARITY,
    Reason,
    duplicates_find_for_leader,
    duplicates_find_for_organization,
    duplicates_scan_all,
    is_shared_host,
    phone_digits,
    reason_labels,
)
from .merge import MergeError, duplicate_dismiss, duplicate_merge, merge_relations

__all__ = [
    "MAX_GROUP",
    "NAME_SIMILARITY",
    "MergeError",
    "Reason",
    "duplicate_dismiss",
    "duplicate_merge",
    "duplicates_find_for_leader",
    "duplicates_find_for_organization",
    "duplicates_scan_all",
    "is_shared_host",
    "merge_relations",
    "phone_digits",
    "reason_labels",
]
