"""The centre API's OpenAPI document (docs/centre-api.yaml) as JSON Schema validators."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "centre-api.yaml"
DOC_URI = "urn:centre-api"


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    with open(DOC_PATH, encoding="utf-8") as f:
        return yaml.safe_load(f)


@lru_cache(maxsize=1)
def _registry() -> Registry:
    resource = Resource.from_contents(document(), default_specification=DRAFT202012)
    return Registry().with_resource(DOC_URI, resource)


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema, registry=_registry(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _absolute(schema: Any) -> Any:
    """Rewrite local refs (#/components/...) to point into the registered document."""
    if isinstance(schema, dict):
        return {k: (DOC_URI + v if k == "$ref" and v.startswith("#") else _absolute(v))
                for k, v in schema.items()}
    if isinstance(schema, list):
        return [_absolute(v) for v in schema]
    return schema


def component(name: str) -> dict[str, Any]:
    return {"$ref": f"{DOC_URI}#/components/schemas/{name}"}


def operation(method: str, path: str) -> dict[str, Any]:
    return document()["paths"][path][method.lower()]


def response_schema(method: str, path: str, status: int) -> dict[str, Any] | None:
    """The JSON schema the document gives for this answer (None: no body). KeyError when the
    document does not list the status at all."""
    responses = operation(method, path)["responses"]
    entry = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX")
    if entry is None:
        raise KeyError(f"{method} {path}: status {status} is not in the document")
    if "$ref" in entry:
        name = entry["$ref"].rsplit("/", 1)[1]
        entry = document()["components"]["responses"][name]
    content = entry.get("content")
    if not content:
        return None
    return _absolute(content["application/json"]["schema"])


def request_schema(method: str, path: str) -> dict[str, Any]:
    body = operation(method, path)["requestBody"]
    return _absolute(body["content"]["application/json"]["schema"])


def errors(schema: dict[str, Any], instance: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator(schema).iter_errors(instance)]


def template_of(path: str) -> str:
    """The document's path template for a concrete API path (after /api/v1)."""
    segs = path.strip("/").split("/")
    for template in document()["paths"]:
        tsegs = template.strip("/").split("/")
        if len(tsegs) == len(segs) and all(t.startswith("{") or t == s
                                           for t, s in zip(tsegs, segs)):
            return template
    raise KeyError(path)
