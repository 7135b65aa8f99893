"""What an id from a URL may be, before any query is built with it."""

from __future__ import annotations

#: The largest id a database's integer key can hold. A larger id in a URL finds
#: nothing; asked for it, SQLite raises ``OverflowError`` (a 500), so a detail
#: lookup answers "none" without asking.
MAX_ID = 2**63 - 1


def is_possible_id(value: int) -> bool:
    """True when ``value`` could be a row's id (positive, within ``MAX_ID``)."""
    return 0 < value <= MAX_ID
