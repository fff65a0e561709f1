"""HTTP client of the centre API (docs/centre-api.yaml) that survives slow, down or broken centres.

One `requests.Session`; a connect and a read timeout on every call; GET (and POST, which is safe
here: tickets carry a request_id and heartbeats are idempotent) retried with exponential backoff on
network errors and 5xx by urllib3's `Retry`, never on 4xx. Answers are read with a size cap and a
total deadline, must be JSON and are validated before use. The catalogue is cached in the store
with its ETag and revalidated with If-None-Match; counter status is cached for a few seconds.
The token is sent as `Authorization: Bearer` and never logged.
"""
from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from typing import Any, Callable
from urllib.parse import quote

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from dialogs.catalogue import Catalogue, CatalogueError, parse_catalogue
from dialogs.counters import CounterStatus
from dialogs.values import Dossier, Ticket

from kiosk.centre import wire
from kiosk.centre.errors import (CentreError, CentreMalformed, CentreRejected,
                                 CentreUnavailable)

log = logging.getLogger(__name__)

DEFAULT_MAX_ANSWER_BYTES = 5 * 1024 * 1024
RETRY_STATUSES = frozenset({500, 502, 503, 504})
TOKEN_ENV = "KIOSK_CENTRE_TOKEN"


class CentreClient:
    """Talks to the centre at `base_url` (e.g. https://centre.local/api/v1) as kiosk `kiosk_id`."""

    def __init__(self, base_url: str, token: str | None, kiosk_id: str, *,
                 connect_timeout_s: float = 3.0, read_timeout_s: float = 5.0, retries: int = 3,
                 ca_bundle: str | None = None, store: Any = None, status_cache_s: float = 10.0,
                 backoff_s: float = 0.5, backoff_max_s: float = 4.0,
                 max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if not base_url:
            raise ValueError("centre.url is empty")
        self.base_url = base_url.rstrip("/")
        self.kiosk_id = kiosk_id
        self.timeout = (float(connect_timeout_s), float(read_timeout_s))
        self.store = store
        self.status_cache_s = float(status_cache_s)
        self.max_answer_bytes = int(max_answer_bytes)
        self._deadline_s = (float(connect_timeout_s) + float(read_timeout_s)) * 2
        self._clock = clock
        self._lock = threading.Lock()
        self._status: tuple[float, list[CounterStatus]] | None = None
        self._catalogue: Catalogue | None = None
        self.catalogue_source: str = "none"
        """Where the last `catalogue()` came from: centre | cache | none."""
        self.last_error: CentreError | None = None
        """The last error of any call (None after a success)."""

        retry = Retry(total=retries, connect=retries, read=retries, status=retries, other=0,
                      redirect=0, backoff_factor=backoff_s, backoff_max=backoff_max_s,
                      status_forcelist=RETRY_STATUSES,
                      allowed_methods=frozenset({"GET", "POST"}), raise_on_status=False,
                      raise_on_redirect=False, respect_retry_after_header=False)
        self._session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry, pool_connections=2, pool_maxsize=4)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.verify = ca_bundle if ca_bundle else True
        self._session.trust_env = False  # no proxy from the environment between kiosk and centre
        self._session.headers.update({"Accept": "application/json",
                                      "User-Agent": f"commune-kiosk/{kiosk_id}"})
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"

    @classmethod
    def from_config(cls, cfg: dict[str, Any], store: Any = None,
                    base_url: str | None = None) -> "CentreClient":
        """Build from the `[centre]` table; KIOSK_CENTRE_TOKEN overrides centre.token."""
        c = cfg.get("centre", {})
        token = os.environ.get(TOKEN_ENV) or c.get("token") or None
        return cls(base_url or c.get("url", ""), token, cfg.get("kiosk", {}).get("id", "K1"),
                   connect_timeout_s=c.get("connect_timeout_s", 3.0),
                   read_timeout_s=c.get("read_timeout_s", 5.0), retries=c.get("retries", 3),
                   ca_bundle=c.get("ca_bundle") or None, store=store,
                   status_cache_s=c.get("status_cache_s", 10.0),
                   backoff_s=c.get("backoff_s", 0.5),
                   max_answer_bytes=c.get("max_answer_bytes", DEFAULT_MAX_ANSWER_BYTES))

    def __repr__(self) -> str:  # never shows the token
        return f"CentreClient({self.base_url!r}, kiosk_id={self.kiosk_id!r})"

    def close(self) -> None:
        self._session.close()

    # -- transport ------------------------------------------------------------------------------
    def _request(self, method: str, path: str, *, body: Any = None,
                 headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], Any]:
        """Send one request (with the adapter's retries); returns (status, headers, JSON or None).
        Raises CentreUnavailable / CentreRejected / CentreMalformed."""
        url = self.base_url + path
        try:
            resp = self._session.request(method, url, json=body, headers=headers,
                                         timeout=self.timeout, stream=True,
                                         allow_redirects=False)
        except requests.exceptions.SSLError as exc:
            raise CentreUnavailable(f"{method} {path}: TLS verification failed ({_short(exc)})")
        except requests.exceptions.Timeout:
            raise CentreUnavailable(f"{method} {path}: timed out after the retries")
        except requests.exceptions.RequestException as exc:
            raise CentreUnavailable(f"{method} {path}: cannot reach the centre ({_short(exc)})")
        try:
            status = resp.status_code
            if status == 304 or status == 204:
                return status, dict(resp.headers), None
            raw = self._read_capped(resp, method, path)
        finally:
            resp.close()
        if status >= 500:
            raise CentreUnavailable(f"{method} {path}: the centre answered {status} "
                                    f"after the retries{_error_text(raw)}", status=status)
        if 300 <= status < 400:
            raise CentreRejected(f"{method} {path}: unexpected redirect {status}", status=status)
        if status >= 400:
            raise CentreRejected(f"{method} {path}: the centre refused with {status}"
                                 f"{_error_text(raw)}", status=status)
        ctype = resp.headers.get("Content-Type", "")
        if "json" not in ctype.lower():
            raise CentreMalformed(f"{method} {path}: answer is not JSON (Content-Type "
                                  f"{ctype or 'missing'!r}, starts {raw[:30]!r})", status=status)
        try:
            return status, dict(resp.headers), json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise CentreMalformed(f"{method} {path}: answer is not valid JSON ({exc})",
                                  status=status)

    def _read_capped(self, resp: requests.Response, method: str, path: str) -> bytes:
        cap = self.max_answer_bytes
        length = resp.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > cap:
            raise CentreMalformed(f"{method} {path}: answer of {int(length)} bytes is over the "
                                  f"cap of {cap} bytes")
        deadline = time.monotonic() + self._deadline_s
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in resp.iter_content(chunk_size=65536):
                size += len(chunk)
                if size > cap:
                    raise CentreMalformed(f"{method} {path}: answer is over the cap of {cap} "
                                          f"bytes")
                if time.monotonic() > deadline:
                    raise CentreUnavailable(f"{method} {path}: answer too slow (over "
                                            f"{self._deadline_s:.0f} s)")
                chunks.append(chunk)
        except requests.exceptions.RequestException as exc:
            raise CentreUnavailable(f"{method} {path}: connection broken while reading the "
                                    f"answer ({_short(exc)})")
        return b"".join(chunks)

    def _fail(self, exc: CentreError, what: str, level: int = logging.WARNING) -> CentreError:
        self.last_error = exc
        log.log(level, "centre: %s failed: %s", what, exc.reason)
        return exc

    # -- API ------------------------------------------------------------------------------------
    def catalogue(self) -> Catalogue:
        """The centre's catalogue, revalidated with If-None-Match. On any failure, the cached
        one (one log line); CentreError only when there is no cache at all."""
        cached = self.store.cached_catalogue() if self.store is not None else None
        headers = {"If-None-Match": cached.etag} if cached and cached.etag else None
        try:
            status, resp_headers, data = self._request("GET", "/catalogue", headers=headers)
            if status == 304:
                if cached is None:
                    raise CentreMalformed("GET /catalogue: 304 without a cached catalogue")
                catalogue = parse_catalogue(cached.body)
                self.store.touch_catalogue()
            else:
                try:
                    catalogue = parse_catalogue(data)
                except CatalogueError as exc:
                    raise CentreMalformed(f"GET /catalogue: {exc}")
                if self.store is not None:
                    self.store.save_catalogue(data, resp_headers.get("ETag"))
            self._catalogue = catalogue
            self.catalogue_source = "centre"
            self.last_error = None
            return catalogue
        except CentreError as exc:
            self.last_error = exc
            if cached is not None:
                try:
                    catalogue = parse_catalogue(cached.body)
                except CatalogueError as bad:
                    log.error("centre: catalogue unavailable (%s) and the cache is unusable (%s)",
                              exc.reason, bad)
                    raise exc
                log.warning("centre: catalogue not refreshed (%s); keeping the cached version %s "
                            "of %s", exc.reason, catalogue.version, cached.fetched_at)
                self._catalogue = catalogue
                self.catalogue_source = "cache"
                return catalogue
            self.catalogue_source = "none"
            log.error("centre: no catalogue: %s, and nothing cached", exc.reason)
            raise

    def counter_status(self) -> list[CounterStatus]:
        """`GET /counters/status`, cached for status_cache_s seconds. On failure raises
        CentreError and logs only at DEBUG: the caller (TicketService) writes the one line."""
        with self._lock:
            if self._status and self._clock() - self._status[0] < self.status_cache_s:
                return list(self._status[1])
        try:
            _, _, data = self._request("GET", "/counters/status")
            statuses = wire.parse_counter_status(data)
        except CentreError as exc:
            raise self._fail(exc, "counter status", logging.DEBUG)  # the caller logs it
        with self._lock:
            self._status = (self._clock(), statuses)
        self.last_error = None
        return list(statuses)

    def invalidate_status(self) -> None:
        with self._lock:
            self._status = None

    def issue_ticket(self, request_id: str, procedure_id: str, counter_id: str, priority: bool,
                     *, offline_number: str | None = None,
                     issued_at: str | None = None) -> Ticket:
        """`POST /tickets`; the same request_id always gets the same ticket from the centre.
        offline_number/issued_at are sent when syncing a ticket issued offline."""
        body: dict[str, Any] = {"request_id": request_id, "kiosk_id": self.kiosk_id,
                                "procedure_id": procedure_id, "counter_id": counter_id,
                                "priority": bool(priority)}
        if offline_number:
            body["offline_number"] = offline_number
        if issued_at:
            body["issued_at"] = issued_at
        try:
            status, _, data = self._request("POST", "/tickets", body=body)
            if status not in (200, 201):
                raise CentreMalformed(f"POST /tickets: unexpected status {status}")
            ticket = wire.parse_ticket(data, request_id=request_id, procedure_id=procedure_id,
                                       priority=priority, counter_number=0)
        except CentreError as exc:
            raise self._fail(exc, f"ticket {request_id}", logging.DEBUG)  # the caller logs it
        self.invalidate_status()
        self.last_error = None
        return self._with_counter_number(ticket)

    def _with_counter_number(self, ticket: Ticket) -> Ticket:
        from dataclasses import replace
        catalogue = self._catalogue
        if catalogue is None and self.store is not None:
            cached = self.store.cached_catalogue()
            if cached:
                try:
                    catalogue = parse_catalogue(cached.body)
                except CatalogueError:
                    catalogue = None
        counter = catalogue.counter(ticket.counter_id) if catalogue else None
        return replace(ticket, counter_number=counter.number) if counter else ticket

    def dossier(self, code: str) -> Dossier | None:
        """`GET /dossiers/{code}`; None when the centre does not know the code (404)."""
        try:
            _, _, data = self._request("GET", "/dossiers/" + quote(code, safe=""))
            dossier = wire.parse_dossier(data)
        except CentreRejected as exc:
            if exc.status == 404:
                self.last_error = None
                return None
            raise self._fail(exc, "dossier lookup")
        except CentreError as exc:
            raise self._fail(exc, "dossier lookup")
        self.last_error = None
        return dossier

    def heartbeat(self, summary: dict[str, Any]) -> None:
        """`POST /kiosks/{kiosk_id}/heartbeat` with the health summary."""
        try:
            self._request("POST", f"/kiosks/{quote(self.kiosk_id, safe='')}/heartbeat",
                          body=summary)
        except CentreError as exc:
            raise self._fail(exc, "heartbeat")
        self.last_error = None


_ERRNO = re.compile(r"\[Errno -?\d+\] [^'\")]+")
_CAUSES = ("Read timed out", "Connection reset by peer", "Connection refused",
           "RemoteDisconnected", "Connection aborted", "certificate verify failed",
           "IncompleteRead", "Max retries exceeded")


def _short(exc: BaseException) -> str:
    """A short cause from requests/urllib3's long messages (which repeat pool and URL)."""
    text = str(exc)
    m = _ERRNO.search(text)
    if m:
        return m.group(0).strip()
    for cause in _CAUSES:
        if cause in text:
            return cause
    return text[:160]


class _DropRetryNoise(logging.Filter):
    """urllib3 logs a warning per retry; the client logs one line per failed call instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Retrying (")


logging.getLogger("urllib3.connectionpool").addFilter(_DropRetryNoise())


def _error_text(raw: bytes) -> str:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return ""
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return f": {data['message'][:120]}"
    return ""
