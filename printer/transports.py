"""Ticket printers behind a URI: usb:VID:PID, serial:DEV?baud=N, tcp://HOST:PORT, file:DEV, png:DIR.

Every printer object:
- prints a ticket image as one ESC/POS job (`printer.escpos_job.encode_job`), sent in chunks;
- reads the paper/online status with DLE EOT where the transport can read (tcp, serial, usb; a usblp
  character device through its LPGETSTATUS ioctl); no answer is reported as *unknown*, never as fine;
- turns every failure into a PrinterError(reason) with a Vietnamese sentence for the citizen and one
  log line for the technician, closes the link, and opens it again on the next call (so a printer that
  comes back is used again without restarting the kiosk);
- never prints the same job id twice: completed job ids are remembered, and printing one again returns
  `PrintResult(status="already_printed")` without sending anything.
Methods are thread-safe (one lock per printer); they block, so the kiosk calls them from its printer thread.
"""
from __future__ import annotations

import errno
import fcntl
import logging
import os
import re
import select
import socket
import stat
import struct
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from PIL import Image

from printer.errors import PrinterError
from printer.escpos_job import encode_job
from printer.status import (DLE_EOT_ERROR, DLE_EOT_OFFLINE, DLE_EOT_PAPER, DLE_EOT_PRINTER, UNKNOWN,
                            PrinterStatus, parse_status, valid_status_byte)

log = logging.getLogger(__name__)

CHUNK = 4096                 # bytes per write: small enough for slow serial links and small USB buffers
STATUS_TIMEOUT_S = 0.6       # how long to wait for the answers to the DLE EOT queries
CONNECT_TIMEOUT_S = 3.0
WRITE_TIMEOUT_S = 15.0       # a 40 KB job over 115200 baud takes ~3.5 s
SEND_BUFFER = 16384          # TCP send buffer (the kernel doubles it)


@dataclass(frozen=True)
class PrintResult:
    """What happened to one print_ticket call."""

    job_id: str
    """The job id given by the caller."""
    status: Literal["printed", "already_printed"]
    """"printed": every byte was accepted and no failure was reported; "already_printed": this job id
    was completed earlier by this printer object, nothing was sent."""
    bytes_sent: int = 0
    """Size of the ESC/POS job sent (0 when nothing was sent)."""
    confirmed: bool = False
    """True when the printer answered a status query after the job and reported nothing wrong;
    False when it cannot tell (file transport, a printer that does not answer DLE EOT)."""


class TicketPrinter:
    """Base class: job bookkeeping, locking and failure handling; subclasses provide the link."""

    kind = "?"

    def __init__(self, uri: str, width_dots: int) -> None:
        self.uri = uri
        self.width_dots = width_dots
        self._completed: set[str] = set()
        self._lock = threading.RLock()

    # -- the link, provided by subclasses -------------------------------------------------------------
    def _open(self) -> None:
        """Open the link if it is not open (raise PrinterError)."""

    def _write(self, data: bytes) -> None:
        """Send bytes (raise PrinterError)."""
        raise NotImplementedError

    def _query(self) -> PrinterStatus:
        """Ask the printer for its status (UNKNOWN when the link cannot read)."""
        return UNKNOWN

    _dev: Any = None
    """The python-escpos device of the link, when open."""

    def _drop(self) -> None:
        """Close the link after a failure so the next call reconnects."""
        if self._dev is not None:
            try:
                self._dev.close()
            except Exception:  # noqa: BLE001  (a dead link may fail to close; it is dropped anyway)
                pass
            self._dev = None

    # -- public API -----------------------------------------------------------------------------------
    def is_completed(self, job_id: str) -> bool:
        """True when this printer object already printed `job_id` completely."""
        return job_id in self._completed

    def print_ticket(self, image: Image.Image, job_id: str) -> PrintResult:
        """Print `image` (a rendered ticket) as job `job_id`; raise PrinterError when it cannot."""
        with self._lock:
            if job_id in self._completed:
                log.info("printer %s: job %s already printed, not sending it again", self.uri, job_id)
                return PrintResult(job_id, "already_printed")
            if image.width > self.width_dots:
                raise PrinterError("error", f"ticket is {image.width} dots wide, printer takes {self.width_dots}")
            started = time.monotonic()
            data = b""
            try:
                data = encode_job(image)
                self._open()
                before = self._query()
                reason = before.failure_reason()
                if reason:
                    raise PrinterError(reason, f"status before the job: {before.detail}")
                for i in range(0, len(data), CHUNK):
                    self._write(data[i:i + CHUNK])
                after = self._query()
                reason = after.failure_reason()
                if reason:
                    raise PrinterError(reason, f"status after the job: {after.detail}")
            except PrinterError as e:
                self._drop()
                log.warning("printer %s: job %s failed: %s (%s)", self.uri, job_id, e.reason, e.detail)
                raise
            except Exception as e:  # noqa: BLE001  (any library error is a printer failure, not a crash)
                self._drop()
                err = PrinterError("error", f"{type(e).__name__}: {e}")
                log.warning("printer %s: job %s failed: error (%s)", self.uri, job_id, err.detail)
                raise err from e
            self._completed.add(job_id)
            log.info("printer %s: job %s printed (%d bytes, %.0f ms, status %s)", self.uri, job_id,
                     len(data), (time.monotonic() - started) * 1000, "confirmed" if after.known else "unknown")
            return PrintResult(job_id, "printed", len(data), confirmed=after.known)

    def status(self) -> PrinterStatus:
        """The printer's status now; a printer that cannot be reached is offline, one that does not
        answer is unknown. Never raises."""
        with self._lock:
            try:
                self._open()
                return self._query()
            except PrinterError as e:
                self._drop()
                online: bool | None = False if e.reason in ("offline", "unplugged") else None
                paper = "out" if e.reason == "paper_out" else "unknown"
                return PrinterStatus(paper=paper, online=online, detail=f"{e.reason}: {e.detail}")
            except Exception as e:  # noqa: BLE001
                self._drop()
                return PrinterStatus(detail=f"error: {type(e).__name__}: {e}")

    def close(self) -> None:
        """Release the device."""
        with self._lock:
            self._drop()

    def __enter__(self) -> "TicketPrinter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ----------------------------------------------------------------------------------------------- png

class PngPrinter(TicketPrinter):
    """Preview: writes DIR/<job_id>.png; always online with paper."""

    kind = "png"

    def __init__(self, uri: str, width_dots: int, directory: str) -> None:
        super().__init__(uri, width_dots)
        self.directory = Path(directory)

    def print_ticket(self, image: Image.Image, job_id: str) -> PrintResult:
        with self._lock:
            if job_id in self._completed:
                log.info("printer %s: job %s already printed, not writing it again", self.uri, job_id)
                return PrintResult(job_id, "already_printed")
            safe = re.sub(r"[^A-Za-z0-9._-]", "_", job_id).lstrip(".") or "ticket"
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                path = self.directory / f"{safe}.png"
                tmp = path.with_suffix(".png.tmp")
                image.save(tmp, format="PNG")
                os.replace(tmp, path)
            except OSError as e:
                err = PrinterError("error", f"cannot write {self.directory}: {e}")
                log.warning("printer %s: job %s failed: error (%s)", self.uri, job_id, err.detail)
                raise err from e
            self._completed.add(job_id)
            log.info("printer %s: job %s written to %s", self.uri, job_id, path)
            return PrintResult(job_id, "printed", path.stat().st_size, confirmed=True)

    def status(self) -> PrinterStatus:
        return PrinterStatus(paper="ok", online=True, cover_open=False, error=False,
                             detail=f"png preview in {self.directory}")


# ------------------------------------------------------------------------------------ ESC/POS links

def _os_reason(e: BaseException, gone: str) -> str:
    """Map an OS error to a reason; `gone` is the reason for a link that disappeared."""
    if isinstance(e, (socket.timeout, TimeoutError)):
        return "timeout"
    code = getattr(e, "errno", None)
    if code == errno.EBUSY:
        return "busy"
    if code == errno.ENOSPC:          # usblp: "out of paper"
        return "paper_out"
    if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
        return "unplugged"
    if code in (errno.ECONNREFUSED, errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN):
        return "offline"
    if code in (errno.EPIPE, errno.ECONNRESET, errno.ECONNABORTED, errno.ESHUTDOWN):
        return gone
    if isinstance(e, (BrokenPipeError, ConnectionError)):
        return gone
    return "error"


def _status_from_answers(answers: bytes, transport: str) -> PrinterStatus:
    """Parse the answers to the four DLE EOT queries sent in a row (in order; missing = no answer)."""
    vals: list[int | None] = []
    for k in range(4):
        b = answers[k] if k < len(answers) else None
        vals.append(b if b is not None and valid_status_byte(b) else None)
    return parse_status(vals[0], vals[1], vals[2], vals[3], transport)


_QUERIES = DLE_EOT_PRINTER + DLE_EOT_OFFLINE + DLE_EOT_ERROR + DLE_EOT_PAPER


class NetworkPrinter(TicketPrinter):
    """tcp://HOST:PORT (raw port 9100) with python-escpos' Network; reads status over the socket."""

    kind = "tcp"

    def __init__(self, uri: str, width_dots: int, host: str, port: int) -> None:
        super().__init__(uri, width_dots)
        self.host, self.port = host, port

    def _open(self) -> None:
        if self._dev is not None:
            return
        from escpos.printer import Network

        dev = Network(self.host, self.port, timeout=CONNECT_TIMEOUT_S)
        try:
            sock = socket.create_connection((self.host, self.port), timeout=CONNECT_TIMEOUT_S)
        except OSError as e:
            raise PrinterError(_os_reason(e, "offline") if not isinstance(e, socket.timeout) else "offline",
                               f"cannot connect to {self.host}:{self.port}: {e}") from e
        # A modest send buffer: a printer that stops taking data is noticed (write timeout) instead of
        # the kernel quietly buffering megabytes for it.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
        sock.settimeout(WRITE_TIMEOUT_S)
        dev.device = sock
        self._dev = dev

    def _write(self, data: bytes) -> None:
        assert self._dev is not None
        try:
            self._dev._raw(data)
        except OSError as e:
            raise PrinterError(_os_reason(e, "offline"), f"sending to {self.host}:{self.port}: {e}") from e

    def _query(self) -> PrinterStatus:
        assert self._dev is not None
        sock: socket.socket = self._dev.device
        try:
            sock.setblocking(False)       # drop anything stale (late answers, automatic status back)
            try:
                while sock.recv(64):
                    pass
                raise PrinterError("offline", f"{self.host}:{self.port} closed the connection")
            except (BlockingIOError, InterruptedError):
                pass
            sock.settimeout(WRITE_TIMEOUT_S)
            self._dev._raw(_QUERIES)
            answers = b""
            deadline = time.monotonic() + STATUS_TIMEOUT_S
            while len(answers) < 4:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                sock.settimeout(left)
                try:
                    chunk = sock.recv(16)
                except socket.timeout:
                    break
                if not chunk:
                    raise PrinterError("offline", f"{self.host}:{self.port} closed the connection")
                answers += chunk
        except OSError as e:
            raise PrinterError(_os_reason(e, "offline"), f"status of {self.host}:{self.port}: {e}") from e
        finally:
            try:
                sock.settimeout(WRITE_TIMEOUT_S)
            except OSError:
                pass
        return _status_from_answers(answers, f"tcp {self.host}:{self.port}")


class SerialPrinter(TicketPrinter):
    """serial:/dev/ttyUSB0?baud=115200 with python-escpos' Serial (pyserial); reads status."""

    kind = "serial"

    def __init__(self, uri: str, width_dots: int, device: str, baud: int, rtscts: bool) -> None:
        super().__init__(uri, width_dots)
        self.device, self.baud, self.rtscts = device, baud, rtscts

    def _open(self) -> None:
        if self._dev is not None:
            return
        try:
            from escpos.printer import Serial
            import serial  # noqa: F401  (pyserial: python-escpos' "serial" extra)
        except ImportError as e:
            raise PrinterError("error", "pyserial is not installed") from e
        if not os.path.exists(self.device):
            raise PrinterError("unplugged", f"{self.device} does not exist")
        dev = Serial(devfile=self.device, baudrate=self.baud, timeout=STATUS_TIMEOUT_S,
                     dsrdtr=False)
        try:
            dev.open()
        except Exception as e:  # noqa: BLE001  (DeviceNotFoundError wraps the SerialException)
            text = str(e)
            reason = "busy" if "busy" in text.lower() else ("unplugged" if "No such file" in text else "error")
            raise PrinterError(reason, f"cannot open {self.device}: {text.strip()}") from e
        if dev.device is None:
            raise PrinterError("unplugged", f"cannot open {self.device}")
        dev.device.write_timeout = WRITE_TIMEOUT_S
        dev.device.rtscts = self.rtscts
        self._dev = dev

    def _write(self, data: bytes) -> None:
        assert self._dev is not None
        import serial

        try:
            self._dev._raw(data)
        except serial.SerialTimeoutException as e:
            raise PrinterError("timeout", f"writing to {self.device}: {e}") from e
        except (serial.SerialException, OSError) as e:
            raise PrinterError(_os_reason(e, "unplugged") if isinstance(e, OSError) else "unplugged",
                               f"writing to {self.device}: {e}") from e

    def _query(self) -> PrinterStatus:
        assert self._dev is not None
        import serial

        port = self._dev.device
        try:
            port.reset_input_buffer()
            port.write(_QUERIES)
            port.flush()
            port.timeout = STATUS_TIMEOUT_S
            answers = port.read(4)
        except (serial.SerialException, OSError) as e:
            raise PrinterError("unplugged", f"status of {self.device}: {e}") from e
        return _status_from_answers(answers, f"serial {self.device}")


class UsbPrinter(TicketPrinter):
    """usb:VID:PID with python-escpos' Usb (pyusb + libusb); reads status from the IN endpoint."""

    kind = "usb"

    def __init__(self, uri: str, width_dots: int, vid: int, pid: int, in_ep: int | None,
                 out_ep: int | None) -> None:
        super().__init__(uri, width_dots)
        self.vid, self.pid, self.in_ep, self.out_ep = vid, pid, in_ep, out_ep

    def _open(self) -> None:
        if self._dev is not None:
            return
        try:
            import usb.core
            from escpos.printer import Usb
        except ImportError as e:
            raise PrinterError("error", "pyusb is not installed") from e
        try:
            found = usb.core.find(idVendor=self.vid, idProduct=self.pid)
        except usb.core.NoBackendError as e:
            raise PrinterError("error", "libusb-1.0 is missing (apt install libusb-1.0-0)") from e
        if found is None:
            raise PrinterError("unplugged", f"no USB device {self.vid:04x}:{self.pid:04x}")
        kwargs: dict[str, int] = {}
        in_ep, out_ep = self.in_ep, self.out_ep
        if in_ep is None or out_ep is None:
            try:   # the printer's own bulk endpoints (python-escpos defaults to 0x82 / 0x01)
                intf = found.get_active_configuration()[(0, 0)]
                for ep in intf:
                    if usb.util.endpoint_type(ep.bmAttributes) == usb.util.ENDPOINT_TYPE_BULK:
                        if usb.util.endpoint_direction(ep.bEndpointAddress) == usb.util.ENDPOINT_IN:
                            in_ep = in_ep if in_ep is not None else ep.bEndpointAddress
                        else:
                            out_ep = out_ep if out_ep is not None else ep.bEndpointAddress
            except usb.core.USBError:
                pass
        if in_ep is not None:
            kwargs["in_ep"] = in_ep
        if out_ep is not None:
            kwargs["out_ep"] = out_ep
        dev = Usb(self.vid, self.pid, timeout=int(WRITE_TIMEOUT_S * 1000), **kwargs)
        try:
            dev.open()
        except Exception as e:  # noqa: BLE001
            text = str(e)
            reason = ("busy" if "busy" in text.lower() else
                      "error" if "access denied" in text.lower() or "errno 13" in text.lower() else "unplugged")
            hint = (" (the usblp kernel driver holds it: see docs/printers.md)" if reason == "busy" else
                    " (no permission: install systemd/udev/60-kiosk-printer.rules)" if reason == "error" else "")
            raise PrinterError(reason, f"cannot open USB {self.vid:04x}:{self.pid:04x}: {text.strip()}{hint}") from e
        self._dev = dev

    def _usb_reason(self, e: Exception) -> str:
        import usb.core

        if isinstance(e, usb.core.USBTimeoutError):
            return "timeout"
        code = getattr(e, "errno", None) or getattr(e, "backend_error_code", None)
        if code in (errno.ENODEV, -4):      # LIBUSB_ERROR_NO_DEVICE
            return "unplugged"
        if code in (errno.EBUSY, -6):       # LIBUSB_ERROR_BUSY
            return "busy"
        if code in (errno.EPIPE, -9):       # stall
            return "error"
        if code in (errno.EACCES, -3):      # LIBUSB_ERROR_ACCESS: the udev rule is missing
            return "error"
        return "unplugged" if "No such device" in str(e) else "error"

    def _write(self, data: bytes) -> None:
        assert self._dev is not None
        try:
            self._dev._raw(data)
        except Exception as e:  # noqa: BLE001  (usb.core.USBError and friends)
            raise PrinterError(self._usb_reason(e), f"writing to USB {self.vid:04x}:{self.pid:04x}: {e}") from e

    def _query(self) -> PrinterStatus:
        assert self._dev is not None
        import usb.core

        dev = self._dev
        answers = b""
        try:
            device = dev.device
            for q in (DLE_EOT_PRINTER, DLE_EOT_OFFLINE, DLE_EOT_ERROR, DLE_EOT_PAPER):
                device.write(dev.out_ep, q, int(STATUS_TIMEOUT_S * 1000))
                try:
                    got = bytes(device.read(dev.in_ep, 16, int(STATUS_TIMEOUT_S * 1000)))
                except usb.core.USBTimeoutError:
                    break
                if not got:
                    break
                answers += got[-1:]
        except usb.core.USBError as e:
            reason = self._usb_reason(e)
            if reason == "unplugged":
                raise PrinterError(reason, f"status of USB {self.vid:04x}:{self.pid:04x}: {e}") from e
            log.debug("printer %s: status not readable: %s", self.uri, e)
        return _status_from_answers(answers, f"usb {self.vid:04x}:{self.pid:04x}")


LPGETSTATUS = 0x060B      # <linux/lp.h>: usblp answers with the IEEE 1284 port status byte
LP_PSELECD, LP_POUTPA, LP_PERRORP = 0x10, 0x20, 0x08


class FilePrinter(TicketPrinter):
    """file:/dev/usb/lp0 (the kernel's usblp driver) or any file, with python-escpos' File.

    Status: a usblp character device answers LPGETSTATUS (paper out, selected, error); a plain file or
    a device without it is unknown. The file is opened for each job and closed after it."""

    kind = "file"

    def __init__(self, uri: str, width_dots: int, path: str) -> None:
        super().__init__(uri, width_dots)
        self.path = path

    def _open(self) -> None:
        if self._dev is not None:
            return
        from escpos.printer import File

        dev = File(self.path, auto_flush=False)
        try:
            # Non-blocking, so a printer that stops taking data times out instead of hanging the thread
            # (for a plain file O_NONBLOCK changes nothing).
            # A device that is gone must not come back as a plain file: create files only outside /dev.
            create = 0 if os.path.abspath(self.path).startswith("/dev/") else os.O_CREAT | os.O_TRUNC
            fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK | create, 0o644)
            dev.device = os.fdopen(fd, "wb", buffering=0)  # noqa: SIM115  (closed in _drop)
        except OSError as e:
            raise PrinterError(_os_reason(e, "unplugged"), f"cannot open {self.path}: {e}") from e
        self._dev = dev

    def _write(self, data: bytes) -> None:
        assert self._dev is not None
        fd = self._dev.device.fileno()
        view = memoryview(data)
        deadline = time.monotonic() + WRITE_TIMEOUT_S
        try:
            while view:
                try:
                    n = os.write(fd, view)
                except BlockingIOError:
                    n = 0
                if n:
                    view = view[n:]
                    deadline = time.monotonic() + WRITE_TIMEOUT_S
                    continue
                left = deadline - time.monotonic()
                if left <= 0:
                    raise PrinterError("timeout", f"{self.path} took no data for {WRITE_TIMEOUT_S:.0f} s")
                select.select([], [fd], [], min(left, 0.5))
        except OSError as e:
            raise PrinterError(_os_reason(e, "unplugged"), f"writing to {self.path}: {e}") from e

    def _query(self) -> PrinterStatus:
        try:
            if not stat.S_ISCHR(os.stat(self.path).st_mode):
                return PrinterStatus(detail=f"file {self.path}: no status (not a device)")
        except OSError as e:
            raise PrinterError("unplugged", f"{self.path}: {e}") from e
        assert self._dev is not None
        try:
            buf = fcntl.ioctl(self._dev.device.fileno(), LPGETSTATUS, struct.pack("i", 0))
        except OSError as e:
            return PrinterStatus(detail=f"file {self.path}: no status ({e.strerror})")
        (lp,) = struct.unpack("i", buf)
        paper = "out" if lp & LP_POUTPA else "ok"
        return PrinterStatus(paper=paper, online=bool(lp & LP_PSELECD), error=not bool(lp & LP_PERRORP),
                             detail=f"file {self.path} LPGETSTATUS {lp:#04x}")

    def print_ticket(self, image: Image.Image, job_id: str) -> PrintResult:
        try:
            return super().print_ticket(image, job_id)
        finally:
            self._drop()      # let go of /dev/usb/lp0 between tickets


# ------------------------------------------------------------------------------------------ opening

def _int(text: str) -> int:
    return int(text, 0)      # "0x82" or "130"


def open_printer(uri: str, width_dots: int) -> TicketPrinter:
    """The printer for `uri` (see the module's docstring). Raises ValueError for a malformed URI; does
    not touch the device yet (it is opened on the first print or status call)."""
    uri = (uri or "").strip()
    if not uri:
        raise ValueError("printer.uri is empty: set usb:VID:PID, serial:DEV?baud=N, tcp://HOST:PORT, "
                         "file:DEV or png:DIR")
    if width_dots not in range(200, 1025):
        raise ValueError(f"printer.width_dots={width_dots}: expected 384 (58 mm) or 576 (80 mm)")
    scheme, _, rest = uri.partition(":")
    scheme = scheme.lower()
    if scheme == "png":
        if not rest:
            raise ValueError(f"printer uri {uri!r}: png:DIR needs a folder")
        return PngPrinter(uri, width_dots, rest)
    if scheme == "file":
        path = rest[2:] if rest.startswith("//") else rest
        if not path:
            raise ValueError(f"printer uri {uri!r}: file:DEV needs a path, e.g. file:/dev/usb/lp0")
        return FilePrinter(uri, width_dots, path)
    if scheme == "tcp":
        parts = urlsplit(uri)
        if not parts.hostname:
            raise ValueError(f"printer uri {uri!r}: expected tcp://HOST:PORT")
        try:
            port = parts.port or 9100
        except ValueError as e:
            raise ValueError(f"printer uri {uri!r}: bad port") from e
        return NetworkPrinter(uri, width_dots, parts.hostname, port)
    if scheme == "serial":
        device, _, query = rest.partition("?")
        if not device:
            raise ValueError(f"printer uri {uri!r}: expected serial:/dev/ttyUSB0?baud=115200")
        q = parse_qs(query)
        try:
            baud = int(q.get("baud", ["115200"])[0])
        except ValueError as e:
            raise ValueError(f"printer uri {uri!r}: baud must be a number") from e
        rtscts = q.get("rtscts", ["0"])[0] in ("1", "true", "yes")
        return SerialPrinter(uri, width_dots, device, baud, rtscts)
    if scheme == "usb":
        ids, _, query = rest.partition("?")
        m = re.fullmatch(r"(?:0x)?([0-9a-fA-F]{1,4}):(?:0x)?([0-9a-fA-F]{1,4})", ids)
        if not m:
            raise ValueError(f"printer uri {uri!r}: expected usb:VID:PID in hex, e.g. usb:0416:5011")
        q = parse_qs(query)
        try:
            in_ep = _int(q["in_ep"][0]) if "in_ep" in q else None
            out_ep = _int(q["out_ep"][0]) if "out_ep" in q else None
        except ValueError as e:
            raise ValueError(f"printer uri {uri!r}: bad endpoint") from e
        return UsbPrinter(uri, width_dots, int(m.group(1), 16), int(m.group(2), 16), in_ep, out_ep)
    raise ValueError(f"printer uri {uri!r}: unknown kind {scheme!r} (usb, serial, tcp, file, png)")
