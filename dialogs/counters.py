"""Which counter a citizen is sent to (the rule of the design's API contract). Pure."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from dialogs.catalogue import Catalogue, Counter


@dataclass(frozen=True)
class CounterStatus:
    """One row of `GET /counters/status`."""
    counter_id: str
    open: bool
    waiting: int
    avg_service_s: int
    serving: str | None = None


def pick_counter(catalogue: Catalogue, field_id: str,
                 statuses: Iterable[CounterStatus] | None = None,
                 default_counter_id: str | None = None) -> Counter | None:
    """Online: among open counters serving the field, least waiting x avg_service_s, ties to the
    lower number. Offline (statuses None): the lowest-numbered counter serving the field in the
    catalogue; the configured default only when the catalogue has none."""
    serving = sorted((c for c in catalogue.counters if field_id in c.field_ids),
                     key=lambda c: c.number)
    if statuses is not None:
        by_id = {s.counter_id: s for s in statuses}
        open_ = [(by_id[c.id].waiting * by_id[c.id].avg_service_s, c.number, c)
                 for c in serving if c.id in by_id and by_id[c.id].open]
        if open_:
            return min(open_, key=lambda t: (t[0], t[1]))[2]
    if serving:
        return serving[0]
    return catalogue.counter(default_counter_id)
