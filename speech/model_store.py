"""Download, verify and install the speech models listed in config/models.toml.

Downloads resume (HTTP Range) from `<data>/models/.downloads/<file>.part`; every file is checked
against its size and SHA-256 before anything is installed; a model folder appears under
`<data>/models/<id>` in one rename, never half-written. Where config/models.toml has no published
checksum for a file, the first download pins it in `<data>/models/pins.json` (and says so); later
downloads and `verify` compare against the pin."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import requests
import urllib3

log = logging.getLogger(__name__)

ENV_MODELS_TOML = "KIOSK_MODELS_TOML"
ENV_BASE_URL = "KIOSK_MODELS_BASE_URL"
MANIFEST = ".kiosk-manifest.json"
_CHUNK = 1 << 16


class ModelStoreError(Exception):
    """A model could not be fetched, verified or installed; the message says why."""


@dataclass(frozen=True)
class ModelFile:
    """One file to download."""
    name: str
    """File name (also the name it is saved under)."""
    url: str
    """Official address."""
    sha256: str = ""
    """Published SHA-256 (hex); empty = not known, pinned on first download."""
    size: int = 0
    """Exact size in bytes; 0 = not known."""
    approx_size: str = ""
    """Human size as published (e.g. '32M') when the exact size is not known."""
    unpack: str = ""
    """'zip' to extract the archive as the model folder; '' to install the file as is."""


@dataclass(frozen=True)
class ModelSpec:
    """A model: a folder under <data>/models/ made of one or more downloaded files."""
    id: str
    kind: str
    """'asr' (a Vosk model folder) or 'voice' (a Piper voice folder)."""
    files: tuple[ModelFile, ...]
    entry: str = ""
    """Path inside the installed folder that the config points at ('' = the folder itself)."""

    def path_in(self, models_dir: Path) -> Path:
        base = models_dir / self.id
        return base / self.entry if self.entry else base


@dataclass
class FetchReport:
    """What fetch did for one model."""
    model_id: str
    installed_path: Path | None = None
    messages: list[str] = field(default_factory=list)
    ok: bool = False


def default_models_toml() -> Path:
    env = os.environ.get(ENV_MODELS_TOML)
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "config" / "models.toml"


def load_specs(path: str | Path | None = None, base_url: str | None = None) -> list[ModelSpec]:
    """Read the model list. `base_url` (or KIOSK_MODELS_BASE_URL, or base_url in the file) replaces
    the folder of every URL: the file is fetched from `<base_url>/<name>` (mirrors and tests)."""
    path = Path(path) if path else default_models_toml()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ModelStoreError(f"cannot read the model list {path}: {exc}") from exc
    base = base_url or os.environ.get(ENV_BASE_URL) or str(data.get("base_url") or "")
    specs = []
    for i, m in enumerate(data.get("model") or []):
        try:
            files = []
            for f in m["file"]:
                url = base.rstrip("/") + "/" + f["name"] if base else f["url"]
                files.append(ModelFile(name=f["name"], url=url, sha256=str(f.get("sha256", "")).lower(),
                                       size=int(f.get("size", 0)), approx_size=str(f.get("approx_size", "")),
                                       unpack=str(f.get("unpack", ""))))
            specs.append(ModelSpec(id=m["id"], kind=m["kind"], files=tuple(files), entry=str(m.get("entry", ""))))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelStoreError(f"{path}: model #{i + 1} is malformed (missing or bad key {exc})") from exc
    return specs


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class ModelStore:
    """The models folder `<data>/models` and the operations on it."""

    def __init__(self, models_dir: Path, timeout_s: float = 30.0,
                 progress: Callable[[str], None] | None = None) -> None:
        self.dir = Path(models_dir)
        self.downloads = self.dir / ".downloads"
        self.timeout_s = timeout_s
        self.progress = progress or (lambda msg: None)

    # ---- pins of checksums that were not published -------------------------------------------
    def _pins(self) -> dict[str, str]:
        try:
            return json.loads((self.dir / "pins.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _save_pin(self, name: str, digest: str) -> None:
        pins = self._pins()
        pins[name] = digest
        _atomic_write(self.dir / "pins.json", json.dumps(pins, indent=2, sort_keys=True).encode())

    def expected_sha256(self, f: ModelFile) -> tuple[str, str]:
        """(digest, source) where source is 'published', 'pinned' or '' (unknown)."""
        if f.sha256:
            return f.sha256, "published"
        pin = self._pins().get(f.name, "")
        return (pin, "pinned") if pin else ("", "")

    # ---- download ----------------------------------------------------------------------------
    def download(self, f: ModelFile, messages: list[str]) -> Path:
        """Download (resuming a partial file) and check size and checksum; returns the finished file."""
        self.downloads.mkdir(parents=True, exist_ok=True)
        done = self.downloads / f.name
        part = self.downloads / (f.name + ".part")
        if not done.exists():
            self._get(f, part)
            os.replace(part, done)
        if f.size and done.stat().st_size != f.size:
            size = done.stat().st_size
            done.unlink()
            raise ModelStoreError(f"{f.name}: size {size} bytes, expected {f.size}; the download was "
                                  "deleted, run fetch again")
        digest = sha256_of(done)
        expected, source = self.expected_sha256(f)
        if expected and digest != expected:
            done.unlink()
            raise ModelStoreError(f"{f.name}: SHA-256 {digest} does not match the {source} {expected}; "
                                  "the download was deleted (corrupted or changed upstream)")
        if not expected:
            self._save_pin(f.name, digest)
            msg = (f"{f.name}: no published checksum in the model list; pinned SHA-256 {digest} "
                   "on this first download (later downloads and verify compare against it)")
            log.warning(msg)
            messages.append(msg)
        else:
            messages.append(f"{f.name}: SHA-256 matches the {source} checksum")
        return done

    def _get(self, f: ModelFile, part: Path) -> None:
        have = part.stat().st_size if part.exists() else 0
        headers = {"Accept-Encoding": "identity"}  # the bytes as stored, so checksums and Range agree
        if have:
            headers["Range"] = f"bytes={have}-"
        try:
            with requests.get(f.url, headers=headers, stream=True, timeout=self.timeout_s) as r:
                if r.status_code == 416 and have:  # already complete
                    return
                if r.status_code not in (200, 206):
                    raise ModelStoreError(f"{f.name}: HTTP {r.status_code} from {f.url}")
                mode = "ab" if (have and r.status_code == 206) else "wb"
                if have and mode == "wb":
                    self.progress(f"{f.name}: server does not resume, starting again")
                elif have:
                    self.progress(f"{f.name}: resuming at {have} bytes")
                with open(part, mode) as out:
                    try:
                        # read1 hands over whatever arrived, so an interrupted transfer keeps every byte
                        while block := r.raw.read1(_CHUNK):
                            out.write(block)
                    finally:
                        out.flush()
                        os.fsync(out.fileno())
                if f.size and part.stat().st_size < f.size:
                    raise ModelStoreError(f"{f.name}: download stopped at {part.stat().st_size} of {f.size} "
                                          "bytes; run fetch again to resume")
        except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
            raise ModelStoreError(f"{f.name}: download from {f.url} failed ({exc}); "
                                  "run fetch again to resume") from exc

    # ---- install -----------------------------------------------------------------------------
    def fetch(self, spec: ModelSpec, force: bool = False) -> FetchReport:
        """Download, verify and install one model atomically."""
        report = FetchReport(spec.id)
        target = self.dir / spec.id
        if target.is_dir() and not force:
            problems = self.verify(spec)
            if not problems:
                report.ok, report.installed_path = True, spec.path_in(self.dir)
                report.messages.append(f"{spec.id}: already installed and verified")
                return report
            report.messages.append(f"{spec.id}: installed copy is damaged ({problems[0]}); reinstalling")
        try:
            files = [(f, self.download(f, report.messages)) for f in spec.files]
            self.dir.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".install-{spec.id}-", dir=self.dir))
            try:
                folder = staging / "m"
                folder.mkdir()
                for f, path in files:
                    if f.unpack == "zip":
                        _extract_zip(path, folder)
                    else:
                        shutil.copyfile(path, folder / f.name)
                _write_manifest(folder, {f.name: self.expected_sha256(f)[0] for f, _ in files})
                _swap_in(folder, target)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            for _, path in files:
                path.unlink(missing_ok=True)
        except (ModelStoreError, OSError, zipfile.BadZipFile) as exc:
            report.messages.append(str(exc) if isinstance(exc, ModelStoreError) else f"{spec.id}: {exc}")
            return report
        report.ok, report.installed_path = True, spec.path_in(self.dir)
        report.messages.append(f"{spec.id}: installed at {report.installed_path}")
        return report

    def verify(self, spec: ModelSpec) -> list[str]:
        """Problems with the installed model (empty = good): every installed file is compared with
        the SHA-256 recorded at install, and the files that came straight from the download with
        their published or pinned checksum."""
        target = self.dir / spec.id
        if not target.is_dir():
            return [f"{spec.id}: not installed in {self.dir}"]
        try:
            manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return [f"{spec.id}: no install manifest in {target}; run kiosk models fetch --force"]
        problems = []
        for rel, digest in sorted(manifest.get("files", {}).items()):
            p = target / rel
            if not p.is_file():
                problems.append(f"{spec.id}: {rel} is missing")
            elif sha256_of(p) != digest:
                problems.append(f"{spec.id}: {rel} has changed since install (checksum differs)")
        for f in spec.files:
            if f.unpack:
                continue
            expected, source = self.expected_sha256(f)
            if expected and (target / f.name).is_file() and manifest["files"].get(f.name) != expected:
                problems.append(f"{spec.id}: {f.name} does not match the {source} checksum")
        return problems


def _extract_zip(archive: Path, folder: Path) -> None:
    """Extract a model archive into `folder`; a single top-level directory is stripped."""
    with zipfile.ZipFile(archive) as z:
        names = [n for n in z.namelist() if n and not n.startswith("__MACOSX")]
        for n in names:
            if n.startswith("/") or ".." in Path(n).parts:
                raise ModelStoreError(f"{archive.name}: unsafe path in archive: {n!r}")
        bad = z.testzip()
        if bad:
            raise ModelStoreError(f"{archive.name}: archive member {bad} is corrupted")
        tops = {n.split("/", 1)[0] for n in names}
        strip = len(tops) == 1 and all("/" in n for n in names)
        for info in z.infolist():
            if info.filename not in names or info.is_dir():
                continue
            rel = info.filename.split("/", 1)[1] if strip else info.filename
            if not rel:
                continue
            dest = folder / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            with z.open(info) as src, open(dest, "wb") as out:
                shutil.copyfileobj(src, out)


def _write_manifest(folder: Path, sources: dict[str, str]) -> None:
    files = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            files[p.relative_to(folder).as_posix()] = sha256_of(p)
    (folder / MANIFEST).write_text(json.dumps({"files": files, "sources": sources}, indent=1), encoding="utf-8")


def _swap_in(folder: Path, target: Path) -> None:
    """Put `folder` at `target` in one rename; an older copy is moved aside first and removed after."""
    old = None
    if target.exists():
        old = target.with_name(f".old-{target.name}-{os.getpid()}")
        os.replace(target, old)
    os.replace(folder, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
