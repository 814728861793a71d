"""Row ids read from a query string or a posted form, where anything can be typed."""

# The largest bigint: past it SQLite cannot even bind the value (OverflowError) and PostgreSQL
# answers "out of range".
MAX_ID = 2**63 - 1


def row_id(value) -> int | None:
    """``value`` as a row id, or None when no row can have it. ASCII digits only: "²" is a
    digit to str.isdigit() but not to int() (a 500 wherever isdigit() guarded an int())."""
    value = str(value)
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number <= MAX_ID else None


def row_ids(values) -> set[int]:
    """The values of ``values`` that can be row ids, as ids."""
    return {number for number in map(row_id, values) if number is not None}
