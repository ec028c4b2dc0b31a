from django.core.paginator import Paginator as DjangoPaginator
from rest_framework.pagination import PageNumberPagination


class Paginator(DjangoPaginator):
    """Django's paginator, counting the matching rows only when the page does not tell.

    Django counts first, then reads the page. Here the page is read first: a page with rows but
    fewer than a full one is the last, so the count is the rows before it plus its own, and a
    first page with no rows means none match. Only a full page, or an empty one past the first
    (an error whose message needs the count), runs the count query: narrow filters (a name, a
    badge, a department's current officers) and every list's last page take one query fewer
    (docs/benchmarks.md, #21)."""

    def page(self, number):
        if "count" in self.__dict__ or self.orphans:
            return super().page(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            return super().page(number)  # Django's own error for a page that is not a number
        if number < 1:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        if bottom + self.per_page >= 2**63:
            return super().page(number)  # an offset no database takes: Django counts, then 404
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if 0 < len(rows) < self.per_page or (number == 1 and not rows and self.allow_empty_first_page):
            self.__dict__["count"] = bottom + len(rows)  # the cached_property's value
        elif not rows:
            return super().page(number)  # past the end: Django counts and says so
        return self._get_page(rows, number, self)


class Pagination(PageNumberPagination):
    """`?page=N&page_size=M` (at most 500); `count`, `next`, `previous`, `results`."""

    django_paginator_class = Paginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
