"""Canonical and alternate-language URLs of the page being rendered, for <head>."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def page_urls(context) -> dict:
    """{"canonical": absolute URL without the query, "alternates": [(lang, URL)], "x_default":
    URL} for pages under a language prefix; only "canonical" for the others."""
    request = context.get("request")
    if request is None:
        return {}
    path = request.path
    current = get_language()
    urls = {"canonical": request.build_absolute_uri(path), "alternates": [], "x_default": ""}
    if not path.startswith(f"/{current}/"):
        return urls
    for code, _name in settings.LANGUAGES:
        translated = translate_url(path, code)
        if code != current and translated == path:
            # Not a page of ours in that language (a 404 page): no alternates at all.
            return {"canonical": urls["canonical"], "alternates": [], "x_default": ""}
        urls["alternates"].append((code, request.build_absolute_uri(translated)))
    urls["x_default"] = dict(urls["alternates"])[settings.LANGUAGE_CODE]
    return urls


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """`path` as an absolute URL on this site (social cards need one for their image)."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None and path else ""
