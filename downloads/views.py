"""The public downloads page and the files it links to."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.permissions import public
from downloads import selectors
from downloads.sets import FILE_SETS


@public
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    built = selectors.download_list()
    rows = [{"set": file_set, "download": built.get(file_set.slug)} for file_set in FILE_SETS]
    return render(request, "downloads/index.html", {"rows": rows})


@public
@require_GET
def file(request: HttpRequest, slug: str) -> FileResponse:
    """The latest zip of a set, from media storage (local disk or S3) under a stable name."""
    download = selectors.download_get(slug=slug)
    if download is None or not default_storage.exists(download.file.name):
        raise Http404("This file has not been built yet")
    response = FileResponse(default_storage.open(download.file.name, "rb"), as_attachment=True,
                            filename=f"accountable-{slug}.zip", content_type="application/zip")
    response["Content-Length"] = download.size
    return response
