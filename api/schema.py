"""drf-spectacular: describe the partner-key header as the API's security scheme."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


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
