"""drf-spectacular: the partner-key security scheme, the error answers of every operation, and
the Bad Apple endpoints (plain Django views, which drf-spectacular does not see), described
from their own declarations (`filters`, `credit_cost`) so the schema cannot drift from them."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_STATUSES = {
    "400": "Invalid parameters, or an unknown query parameter (named in `fields`).",
    "401": "No key, or a key that cannot be used (malformed, unknown, revoked, expired).",
    "404": "No such record.",
    "429": "Weekly quota spent (`quota_exhausted`) or burst limit (`rate_limited`); see `Retry-After`.",
    "503": "Briefly unavailable (cache or meter unreachable); see `Retry-After`.",
}
BAD_APPLE_STATUSES = {
    "400": "A filter header is invalid or missing, or the key is not 36 characters.",
    "403": "Unknown, revoked or expired key.",
    "404": "Unknown endpoint under /API/.",
    "405": "Any method but GET.",
    "423": 'No `API-Key` header; the body is `{"statusCode": 423}`.',
    "429": '"You have reached your weekly query limit." (or a rate limit); see `Retry-After`.',
    "503": "Briefly unavailable; see `Retry-After`.",
}
RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.PartnerKeyAuthentication"
    name = "PartnerKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "API-Key",
            "description": "Your partner key. `Authorization: Api-Key <key>` works too.",
        }


def _error_schema() -> dict:
    return {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            },
        }},
    }


def _envelope_schema() -> dict:
    return {
        "type": "object",
        "required": ["statusCode"],
        "properties": {
            "statusCode": {"type": "integer", "description": "Equal to the HTTP status."},
            "statusMessage": {"type": "string"},
            "results": {"type": "array", "items": {"type": "object"}},
            "remainingQueries": {"type": "integer"},
        },
    }


def _bad_apple_operation(name: str, view) -> dict:
    parameters = [
        {"name": "API-Key", "in": "header", "required": True, "schema": {"type": "string", "minLength": 36, "maxLength": 36}}
    ]
    for header_filter in view.filters:
        parameters.append({
            "name": header_filter.header, "in": "header", "required": header_filter.required,
            "schema": {"type": "string"}, "description": (header_filter.clean.__doc__ or "").strip().split("\n")[0],
        })
    envelope = {"application/json": {"schema": {"$ref": "#/components/schemas/BadAppleEnvelope"}}}
    responses = {"200": {"description": "Success", "content": envelope}}
    for status, description in BAD_APPLE_STATUSES.items():
        responses[status] = {"description": description, "content": envelope}
        if status in ("429", "503"):
            responses[status]["headers"] = RETRY_AFTER
    minimum = f" Send at least {view.min_filters} of the filter headers." if view.min_filters else ""
    return {"get": {
        "operationId": f"badapple_{name.lower()}",
        "tags": ["Bad Apple"],
        "summary": f"Bad Apple-compatible {name} ({view.credit_cost} credit{'s' if view.credit_cost > 1 else ''}).",
        "description": f"{(view.__doc__ or '').strip()}{minimum} Failed queries are charged too.",
        "parameters": parameters,
        "security": [],
        "responses": responses,
    }}


def postprocess(result, generator, request, public):
    """SPECTACULAR_SETTINGS POSTPROCESSING_HOOKS: error answers on /api/v1/ operations, and the
    Bad Apple endpoints."""
    # The URL conf imports the views, which import this module.
    from api.urls import badapple_patterns

    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = _error_schema()
    schemas["BadAppleEnvelope"] = _envelope_schema()
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                if status == "404" and "{" not in path:
                    continue
                responses.setdefault(status, {"description": description, "content": error})
                if status in ("429", "503"):
                    responses[status]["headers"] = RETRY_AFTER
    for pattern in badapple_patterns:
        view = getattr(pattern.callback, "view_class", None)
        if view is not None:
            result["paths"][f"/{pattern.pattern}"] = _bad_apple_operation(str(pattern.pattern).split("/")[1], view)
    return result
