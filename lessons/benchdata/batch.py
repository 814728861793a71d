"""Inserting generated rows: bulk_create in batches, with a progress line per model."""

import contextlib
import datetime as dt
import random
import time
from collections.abc import Callable, Iterable, Iterator

from django.db import models

BATCH_SIZE = 5000


@contextlib.contextmanager
def stored_as_given(model: type[models.Model]) -> Iterator[None]:
    """Keep the generated ``created_at``/``updated_at`` values: auto_now and auto_now_add fields
    set themselves to now in bulk_create too, and the data must not depend on the day it is
    generated."""
    fields = [
        field
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    try:
        for field in fields:
            field.auto_now = field.auto_now_add = False
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Inserter:
    """``insert(Model, rows)`` bulk-creates ``rows`` (any iterable, consumed batch by batch so
    that 324,000 notices never sit in memory at once) and prints one line per model:
    "Notices: 324,000 rows in 41.2 s (7,864 rows/s)"."""

    def __init__(self, out=None, *, batch_size: int = BATCH_SIZE):
        # ``out``: a management command's OutputWrapper (write(text, ending=...)), or None.
        self.out = out
        self.batch_size = batch_size
        self.total_rows = 0
        self.lines: list[str] = []
        self._live = out is not None and getattr(out, "isatty", lambda: False)()

    def insert(
        self,
        model: type[models.Model],
        rows: Iterable[models.Model],
        *,
        label: str = "",
        expected: int | None = None,
        keep: Callable[[models.Model], object] | None = None,
        discard: bool = False,
    ) -> list:
        """Insert ``rows`` of ``model``; return ``keep(row)`` for each saved row (with its pk)
        when ``keep`` is given, nothing if ``discard``, else the saved rows themselves."""
        label = label or str(model._meta.verbose_name_plural).capitalize()
        kept: list = []
        done = 0
        started = time.perf_counter()
        with stored_as_given(model):
            for batch in _batches(rows, self.batch_size):
                saved = model.objects.bulk_create(batch, batch_size=self.batch_size)
                if not discard:
                    kept.extend(saved if keep is None else map(keep, saved))
                done += len(saved)
                if self._live and expected:
                    self.out.write(f"\r{label}: {done:,} of {expected:,}", ending="")
                    self.out.flush()
        elapsed = time.perf_counter() - started
        self.report(label, done, elapsed)
        return kept

    def report(self, label: str, count: int, elapsed: float) -> None:
        self.total_rows += count
        rate = count / elapsed if elapsed > 0 else 0
        rows = "row" if count == 1 else "rows"
        line = f"{label}: {count:,} {rows} in {elapsed:.1f} s ({rate:,.0f} rows/s)"
        self.lines.append(line)
        if self.out is not None:
            self.out.write(("\r" if self._live else "") + line)


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def quota(rng: random.Random, count: int, shares: dict) -> list:
    """``count`` values in the proportions of ``shares`` (largest remainder), shuffled: exact
    splits at every scale (60/30/10 of 100 lessons is 60, 30 and 10)."""
    total = sum(shares.values())
    exact = {value: count * share / total for value, share in shares.items()}
    counts = {value: int(amount) for value, amount in exact.items()}
    left = count - sum(counts.values())
    by_remainder = sorted(exact, key=lambda value: exact[value] - counts[value], reverse=True)
    for value in by_remainder[:left]:
        counts[value] += 1
    values = [value for value, n in counts.items() for _ in range(n)]
    rng.shuffle(values)
    return values


def weighted(rng: random.Random, shares: dict):
    """One key of ``shares``, drawn in proportion to its value."""
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def utc(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)
