"""The site-wide search and its typeahead, the methodology page, and what crawlers read:
robots.txt and the sitemap (every public record, in every language, with its alternates)."""

import math
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from core.choices import FORCE_RANK_DESCRIPTIONS, ForceRank
from core.permissions import public
from core.selectors import data_set_list
from discovery import selectors

# Records per sitemap file: each is listed once per language, under the protocol's 50,000 URLs.
SITEMAP_RECORDS_PER_FILE = 50_000 // len(settings.LANGUAGES)
# Pages that are not records, each listed in every language.
SITEMAP_PAGES = [
    "core:home",
    "core:about",
    "discovery:methodology",
    "officers:search",
    "officers:department_list",
    "reports:search",
    "oversight:directory",
    "pra:start",
    "incidents:map",
]
# Sign-in, work pages and the site search itself are not for crawlers (the partner API needs
# a key; its documentation is public).
ROBOTS_DISALLOWED = [
    "accounts/",
    "search/",
    "incidents/label/",
    "incidents/review/",
    "officers/photos/queue/",
    "officers/photos/review/",
]


@public
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    results = selectors.site_search(q=request.GET.get("q", ""))
    return render(request, "discovery/search.html", {"results": results})


@public
@require_GET
def suggest(request: HttpRequest) -> JsonResponse:
    """Typeahead: {"q": ..., "results": [{"kind", "kind_label", "label", "detail", "url"}]}."""
    q = request.GET.get("q", "")
    labels = {
        "officer": translation.gettext("Officer"),
        "department": translation.gettext("Department"),
        "oversight": translation.gettext("Oversight body"),
        "incident": translation.gettext("Incident"),
    }
    results = [
        {
            "kind": suggestion.kind,
            "kind_label": labels[suggestion.kind],
            "label": suggestion.label,
            "detail": suggestion.detail,
            "url": suggestion.url,
        }
        for suggestion in selectors.site_suggestions(q=q)
    ]
    return JsonResponse({"q": q, "results": results})


@public
@require_GET
def methodology(request: HttpRequest) -> HttpResponse:
    context = {
        "data_sets": data_set_list(),
        "force_ranks": [(rank, FORCE_RANK_DESCRIPTIONS[rank]) for rank in ForceRank],
        "min_confidence": settings.CLASSIFIER_MIN_CONFIDENCE,
    }
    return render(request, "discovery/methodology.html", context)


@public
@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Allow: /api/v1/docs/", "Disallow: /admin/", "Disallow: /api/", "Disallow: /API/"]
    for code, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{code}/{path}" for path in ROBOTS_DISALLOWED]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _localised(url_name: str, kwargs: dict | None = None) -> dict[str, str]:
    """The URL of one page in every language."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse(url_name, kwargs=kwargs)
    return urls


def _url_entries(request: HttpRequest, urls: dict[str, str], lastmod) -> str:
    """One <url> per language, each naming every language's version (and English as x-default)."""
    absolute = {code: request.build_absolute_uri(url) for code, url in urls.items()}
    alternates = "".join(
        f'<xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(url)}/>'
        for code, url in absolute.items()
    )
    alternates += (
        f'<xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(absolute[settings.LANGUAGE_CODE])}/>'
    )
    modified = f"<lastmod>{lastmod.date().isoformat()}</lastmod>" if lastmod else ""
    return "".join(
        f"<url><loc>{escape(url)}</loc>{modified}{alternates}</url>\n" for url in absolute.values()
    )


XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


@public
@require_GET
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The sitemap index: the pages file, then each kind of record in files of at most
    SITEMAP_RECORDS_PER_FILE records."""
    files = [reverse("sitemap_section", kwargs={"section": "pages", "page": 1})]
    for section in selectors.sitemap_sections():
        count = selectors.sitemap_section_count(section)
        files += [
            reverse("sitemap_section", kwargs={"section": section.name, "page": page})
            for page in range(1, math.ceil(count / SITEMAP_RECORDS_PER_FILE) + 1)
        ]
    body = "".join(
        f"<sitemap><loc>{escape(request.build_absolute_uri(url))}</loc></sitemap>\n" for url in files
    )
    return HttpResponse(
        f'{XML_HEAD}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</sitemapindex>\n',
        content_type="application/xml; charset=utf-8",
    )


@public
@require_GET
def sitemap_section(request: HttpRequest, section: str, page: int) -> HttpResponse:
    if section == "pages":
        if page != 1:
            raise Http404("No such sitemap page")
        body = "".join(_url_entries(request, _localised(name), None) for name in SITEMAP_PAGES)
    else:
        found = {s.name: s for s in selectors.sitemap_sections()}.get(section)
        if found is None or page < 1:
            raise Http404("No such sitemap")
        # Counted before reading: a page such as 99999999999999999999 made an offset past
        # PostgreSQL's bigint, which the database refused (a 500).
        pages = max(1, math.ceil(selectors.sitemap_section_count(found) / SITEMAP_RECORDS_PER_FILE))
        if page > pages:
            raise Http404("No such sitemap page")
        rows = selectors.sitemap_section_rows(
            found, offset=(page - 1) * SITEMAP_RECORDS_PER_FILE, limit=SITEMAP_RECORDS_PER_FILE
        )
        body = "".join(_record_entries(request, found, rows))
    return HttpResponse(
        f'{XML_HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n{body}</urlset>\n',
        content_type="application/xml; charset=utf-8",
    )


def _record_entries(request: HttpRequest, section, rows):
    """Reversing each record's URL in each language is slow for 25,000 records: reverse one
    with a placeholder key per language and put each record's key in its place."""
    placeholder = {"pk": 999999999, "public_id": "00000000-0000-0000-0000-000000000000", "state": "USA-ZZ"}[
        section.kwarg
    ]
    patterns = {
        code: url.replace(str(placeholder), "{key}")
        for code, url in _localised(section.url_name, {section.kwarg: placeholder}).items()
    }
    for key, lastmod in rows:
        yield _url_entries(
            request, {code: pattern.replace("{key}", str(key)) for code, pattern in patterns.items()}, lastmod
        )

