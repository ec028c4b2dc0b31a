"""What every /api/v1/ resource shares: partner-key authentication, burst limit, metering,
quota headers, one error body, one pagination class, stable ordering and CSV downloads.

A new resource is a `PartnerReadOnlyViewSet` subclass with a queryset of published records, a
serializer and a FilterSet, registered on the router in `api/urls.py` in one line.
"""

import copy
import functools
import re

import django_filters
from django import forms as django_forms
from django.core.exceptions import ValidationError as FormValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from rest_framework import filters, viewsets
from rest_framework.exceptions import ErrorDetail, NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api import answers, gate, metering
from api.authentication import PartnerKeyAuthentication
from api.exceptions import QuotaExhausted, exception_handler
from api.pagination import Pagination
from api.permissions import HasPartnerKey
from api.renderers import CSVRenderer
from api.throttling import PartnerKeyBurstThrottle
from core.models import public_q


# Query parameters every list takes besides its filters (pagination, ordering, CSV download).
LIST_PARAMETERS = frozenset({"page", "page_size", "ordering", "format"})


class FilterBackend(DjangoFilterBackend):
    """django-filter, not consulted when no filter was sent: its FilterSet makes a form class on
    every call, which cost more than the page's count query (with the serializer fork, a list
    of departments runs 35 % fewer Python calls than with stock DRF: docs/benchmarks.md, "Stock
    DRF against our forks"). A parameter that is neither a filter nor a list parameter is
    refused (400 naming it): a misspelt filter silently ignored would hand the partner the
    whole list as if filtered."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        filters = filterset_class.base_filters if filterset_class is not None else {}
        # Filters whose widget takes several parameters (ranges) name them `<filter>_<part>`.
        ranges = [name for name, f in filters.items() if issubclass(f.field_class, django_forms.MultiValueField)]
        sent = [param for param in request.query_params if param not in LIST_PARAMETERS]
        unknown = [
            param for param in sent
            if param not in filters and not any(param.startswith(f"{name}_") for name in ranges)
        ]
        if unknown:
            raise ValidationError({param: [_("Unknown parameter.")] for param in unknown}, code="unknown_parameter")
        if not sent:
            return queryset
        filterset = self.get_filterset(request, queryset, view)
        if not filterset.is_valid():
            errors = translate_validation(filterset.errors)
            # A record id that is well formed but names no public record is an error too: the
            # answer names every bad parameter at once. (A field that failed is not in
            # cleaned_data.)
            cleaned = filterset.form.cleaned_data
            errors.detail.update(unknown_records(
                (name, f, cleaned[name]) for name, f in filterset.filters.items()
                if isinstance(f, PublicRecordFilter) and cleaned.get(name) is not None
            ))
            raise errors
        return filterset.qs

    def get_filterset(self, request, queryset, view):
        # Only the filters sent: django-filter deep-copies every filter and builds every
        # field of its form on each call (the state list's 56 choices among them): 18 % of an
        # officers page's Python calls. A filter not sent filters nothing (docs/benchmarks.md, #21).
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return None
        names = frozenset(
            name for name in filterset_class.base_filters
            if any(param == name or param.startswith(f"{name}_") for param in request.query_params)
        )
        return _with_filters(filterset_class, names)(**self.get_filterset_kwargs(request, queryset, view))


class RecordIdField(django_forms.Field):
    """A record's id: a positive whole number (whether a public record has it is decided later,
    by `PublicRecordFilter`). A malformed id gets the error an unknown one gets."""

    default_error_messages = {"invalid_choice": django_forms.ModelChoiceField.default_error_messages["invalid_choice"]}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not re.fullmatch(r"[0-9]{1,19}", text) or not 0 < int(text) < 2**63:
            raise FormValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return int(text)


class PublicRecordFilter(django_filters.Filter):
    """`?department=12`: the rows of one public record, given by its id, without reading the
    record first.

    django-filter's ModelChoiceFilter reads the record on every call to check the id: a query
    and a model instance, a fifth of an officers page (docs/benchmarks.md, #21). Here the rows
    are filtered on the id, through the record's public rule where the list's own rule does not
    already hold it (an officer is public only in a public department; a commission may cover
    a draft one), and the record is read only when nothing matched
    (`PartnerReadOnlyViewSet.paginate_queryset`), to tell "no such public record" (400, the
    error ModelChoiceFilter gave) from "no rows" (an empty page)."""

    field_class = RecordIdField

    def __init__(self, *args, model, **kwargs):
        self.record_model = model
        super().__init__(*args, **kwargs)

    def public_ids(self, value: int):
        return self.record_model.objects.public().filter(pk=value).values("pk")

    def record_is_public(self, value: int) -> bool:
        return self.public_ids(value).exists()

    def unknown_record_error(self) -> ErrorDetail:
        return ErrorDetail(str(RecordIdField.default_error_messages["invalid_choice"]), code="invalid_choice")

    def filter(self, qs, value):
        if value is None:
            return qs
        name = next(name for name, f in self.parent.filters.items() if f is self)
        request = self.parent.request
        request.records_to_check_if_empty = [*getattr(request, "records_to_check_if_empty", ()), (name, self, value)]
        if self.distinct:
            qs = qs.distinct()
        if public_rule_requires(qs.model, self.field_name, self.record_model):
            return qs.filter(**{self.field_name: value})
        return qs.filter(**{f"{self.field_name}__in": self.public_ids(value)})


def _conditions(q: Q, *, whole: bool) -> set | None:
    """The conditions `q` ANDs together, as (lookup, value) pairs. A part that is not a plain
    AND (an OR, a negation) is left out, or, with `whole`, makes the answer None."""
    if q.connector != Q.AND or q.negated:
        return None
    found = set()
    for child in q.children:
        if isinstance(child, Q):
            inner = _conditions(child, whole=whole)
            if inner is None:
                if whole:
                    return None
                continue
            found |= inner
        else:
            found.add((child[0], repr(child[1])))
    return found


@functools.cache
def public_rule_requires(list_model, path: str, record_model) -> bool:
    """Whether `list_model`'s public rule holds every condition of `record_model`'s public rule
    on the relation `path`: then a public row of the list is always under a public record.
    Only a relation to one record can say so: through a many-valued one (a commission's
    departments) the rule's conditions and the filter's id may meet different records."""
    field = list_model._meta.get_field(path) if "__" not in path else None
    if field is None or not (field.many_to_one or field.one_to_one):
        return False
    needed = _conditions(public_q(record_model, f"{path}__"), whole=True)
    held = _conditions(public_q(list_model), whole=False)
    return needed is not None and held is not None and needed <= held


def unknown_records(checks) -> dict:
    """{parameter: [error]} for each (parameter, record filter, id) whose id names no public
    record."""
    return {name: [f.unknown_record_error()] for name, f, value in checks if not f.record_is_public(value)}


def check_record_filters(request) -> None:
    """A list came back empty: where a record filter's id names no public record, that is the
    reason, and the partner is told so (400) rather than handed an empty page."""
    errors = unknown_records(getattr(request, "records_to_check_if_empty", ()))
    if errors:
        raise ValidationError(errors)


class _FormClassOnce:
    """A FilterSet whose form class is built once: django-filter builds it, every filter's form
    field with it, on each call (a fifth of the filters' time on an officers page:
    docs/benchmarks.md, #21). Sharing it is what a Django form class is made for (each form
    copies its fields), as long as no filter's field depends on the request: none of ours
    does, and a filter with a callable queryset keeps django-filter's way."""

    def get_form_class(self):
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            if not any(callable(getattr(f, "queryset", None)) for f in cls.base_filters.values()):
                cls._form_class = form_class
        return form_class


class _Filters(dict):
    """A narrowed FilterSet's filters. django-filter deep-copies them for every FilterSet it
    makes, so that each copy can carry its FilterSet (`parent`) and model: the choices and help
    texts came along, a fifth of the filters' time on an officers page (docs/benchmarks.md,
    #21). A filter copied shallowly carries them as well; none of ours keeps other state per
    call (the ones that do, with a queryset, keep django-filter's deep copy)."""

    def __deepcopy__(self, memo):
        return {name: _copy_filter(f) for name, f in self.items()}


def _copy_filter(f):
    clone = copy.copy(f)
    if f.method is not None:
        clone.method = f.method  # binds the copy's own FilterMethod, which finds its parent
    return clone


@functools.cache
def _with_filters(filterset_class: type, names: frozenset[str]) -> type:
    """`filterset_class` with only the filters `names` (one class per combination sent)."""
    narrowed = type(filterset_class.__name__, (_FormClassOnce, filterset_class), {})
    chosen = {name: f for name, f in filterset_class.base_filters.items() if name in names}
    stateless = not any(isinstance(f, django_filters.filters.QuerySetRequestMixin) for f in chosen.values())
    narrowed.base_filters = _Filters(chosen) if stateless else chosen
    return narrowed


class StableOrderingFilter(filters.OrderingFilter):
    """`?ordering=` over the allowed fields, always ending in the primary key so pages never
    repeat or skip a row."""

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view) or queryset.query.order_by)
        if not any(term.lstrip("-") in ("pk", "id") for term in ordering):
            ordering.append("pk")
        return ordering


class PartnerAPIMixin:
    authentication_classes = [PartnerKeyAuthentication]
    permission_classes = [HasPartnerKey]
    throttle_classes = [PartnerKeyBurstThrottle]
    renderer_classes = [JSONRenderer]
    # Credits one call takes from the weekly quota (reports queries cost 3).
    credit_cost = 1

    def get_exception_handler(self):
        return exception_handler

    def get_credit_cost(self) -> int:
        return self.credit_cost

    def answer_key(self, request) -> str:
        """The name of this call's answer in the answer cache ("": not cached)."""
        return ""

    def perform_authentication(self, request):
        # Key, burst limit and charge are decided together (one Redis round trip with the Redis
        # meter); authentication, the burst throttle and `initial` then read the verdict.
        request.answer_key = self.answer_key(request)
        request.admission = gate.admit(request, cost=self.get_credit_cost(), answer_key=request.answer_key)
        request.quota_charge = request.admission.charge
        super().perform_authentication(request)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        charge = request.quota_charge
        if self.get_credit_cost() > 0 and not charge.allowed:
            raise QuotaExhausted(wait=charge.seconds_to_reset())

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if response.status_code >= 400 and renderer is not None and renderer.format != "json":
            # Errors are always JSON, even when a CSV download was asked for.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        charge = getattr(request, "quota_charge", None)
        key = getattr(request, "_auth", None)
        if charge is None and key is not None:
            charge = metering.meter().standing(key)
        if charge is not None:
            gate.quota_headers(response, charge)
        if response.status_code == 200 and request.accepted_renderer.format == "csv":
            name = getattr(self, "basename", None) or "export"
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response


class PartnerAPIView(PartnerAPIMixin, APIView):
    """A single metered endpoint (not a resource list), e.g. usage."""


class PartnerReadOnlyViewSet(PartnerAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Lists and records of published data. Their answers are the same for every partner, so
    a repeated call is answered from the answer cache (api/answers.py) while the data is
    unchanged: the gate's one Redis round trip brings the stored answer with it."""

    renderer_classes = [JSONRenderer, CSVRenderer]
    pagination_class = Pagination
    filter_backends = [FilterBackend, StableOrderingFilter]

    def answer_key(self, request) -> str:
        if request.method != "GET":
            return ""
        # Everything the answer depends on: the resource and query (path and query string),
        # the host (pagination links are absolute), the format asked for and the language.
        return answers.fingerprint(
            "v1", request.get_host(), request.get_full_path(), request.META.get("HTTP_ACCEPT", ""),
            translation.get_language() or "",
        )

    def list(self, request, *args, **kwargs):
        return self._cached_answer(request) or super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._cached_answer(request) or super().retrieve(request, *args, **kwargs)

    def _cached_answer(self, request) -> HttpResponse | None:
        cached = request.admission.cached_answer
        if not cached:
            return None
        content_type, _, body = cached.partition(b"\n")
        return HttpResponse(body, content_type=content_type.decode())

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        admission = getattr(request, "admission", None)
        if (
            admission is not None and admission.data_version and not admission.cached_answer
            and response.status_code == 200 and isinstance(response, Response)
        ):
            response.render()
            answers.remember(
                version=admission.data_version, key=request.answer_key,
                body=response["Content-Type"].encode() + b"\n" + response.content,
            )
        return response

    def paginate_queryset(self, queryset):
        try:
            page = super().paginate_queryset(queryset)
        except NotFound:
            check_record_filters(self.request)
            raise
        if not page:
            check_record_filters(self.request)
        return page

    def filter_queryset(self, queryset):
        # A record by id is that record: list filters and ordering do not apply (and building
        # the FilterSet's form was a third of a detail call).
        if self.action == "retrieve":
            return queryset
        return super().filter_queryset(queryset)
