"""A cache of partner API answers, valid for one version of the published data.

Partners' scripts repeat the same queries (a state's oversight bodies, a year of reports, a
page of officers), and the answer depends only on the query and the records, never on who
asks. With the Redis meter, the meter's one round trip (`metering.RedisMeter.admit`) also
returns the current *data version* and the answer stored for this query under that version,
so a repeated query costs no database work at all.

Invalidation, in two sentences: every write to a table of the public apps (audit history and the
classifier's and labelling queue's tables aside) bumps the data version, at once and again when
its transaction commits, and an answer is only served under the version it was made under;
answers also expire after `API_ANSWER_CACHE_SECONDS`. Writes are seen by a database execute
wrapper (`watch_writes`: ORM saves, `QuerySet.update`, bulk inserts, raw SQL through Django's
cursors); writes that bypass Django's cursors (the importer's COPY) send
`core.signals.public_data_written`. A bump is one Redis INCR, a fraction of the write's own cost.

Without Redis (the newcomer default) nothing is cached.
"""

import hashlib
import logging

from django.db import connections
from django.db.backends.signals import connection_created

from api import conf, metering

logger = logging.getLogger(__name__)

# Tables whose rows can reach a partner's answer, by app label prefix...
PUBLIC_TABLE_PREFIXES = ("officers_", "reports_", "oversight_", "pra_", "incidents_")
# ...except the audit history and the labelling side, which no answer shows: the classifier
# and the labellers write those all day, and would otherwise empty the cache every few seconds.
PRIVATE_TABLES = frozenset({
    "incidents_post", "incidents_label", "incidents_labelassignment", "incidents_adjudication",
    "incidents_classifiermodel",
})
WRITES = ("INSERT INTO", "UPDATE", "DELETE FROM", "TRUNCATE", "COPY")
# Answers bigger than this are not kept (a CSV download of a big page): memory, not speed.
MAX_CACHED_BYTES = 1_000_000


def enabled() -> bool:
    return metering.meter_backend() == "redis" and conf.get("API_ANSWER_CACHE_SECONDS") > 0


def fingerprint(*parts: str) -> str:
    """The name of one query's answer: every part of the request the answer depends on."""
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def version_name() -> str:
    return f"{conf.get('API_REDIS_PREFIX')}:data-version"


def answer_name(version: str, key: str) -> str:
    return f"{conf.get('API_REDIS_PREFIX')}:answer:{version}:{key}"


def remember(*, version: str, key: str, body: bytes) -> None:
    """Keep an answer computed under `version` (the version the gate returned before the
    query ran, so an answer is never filed under a version newer than its rows)."""
    if len(body) > MAX_CACHED_BYTES:
        return
    metering.redis_client().set(answer_name(version, key), body, ex=conf.get("API_ANSWER_CACHE_SECONDS"))


def data_changed() -> None:
    """Published data changed: stop serving every cached answer."""
    if not enabled():
        return
    import redis

    try:
        metering.redis_client().incr(version_name())
    except redis.RedisError:
        # A write must not fail because the cache is away. While Redis is unreachable nothing
        # is served from it (the meter lives there too); answers it still holds when it comes
        # back expire within API_ANSWER_CACHE_SECONDS.
        logger.warning("could not bump the API data version; cached answers expire on their own", exc_info=True)


# --- Noticing writes ---------------------------------------------------------------------------


def _writes_public_table(sql: str) -> bool:
    head = sql.lstrip()[:120]
    for verb in WRITES:
        if head[: len(verb)].upper() == verb:
            table = head[len(verb):].lstrip(" (").split(None, 1)[0].strip('"`')
            if verb == "TRUNCATE" and table.upper() == "TABLE":
                table = head[len(verb):].split(None, 2)[1].strip('"`')
            return (
                table.startswith(PUBLIC_TABLE_PREFIXES) and "_historical" not in table and table not in PRIVATE_TABLES
            )
    return False


def public_data_written(connection) -> None:
    """A public table was written on `connection`: bump now (a call on this same connection,
    inside the transaction, must not get an answer from before the write) and, in a
    transaction, once more after it commits (other connections see the rows only then)."""
    data_changed()
    if connection.in_atomic_block and not any(
        callback is data_changed for _, callback, _ in connection.run_on_commit
    ):
        connection.on_commit(data_changed)


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and _writes_public_table(sql):
        public_data_written(context["connection"])
    return result


def _install(sender, connection, **kwargs) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def watch_writes() -> None:
    """Bump the data version on writes to public tables, in every process (web, workers,
    commands). Called from `ApiConfig.ready`; safe to call again (one receiver, one wrapper per
    connection). `data_changed` does nothing while the cache is off, so the watcher is always
    installed (settings can switch the cache on later)."""
    connection_created.connect(_install, dispatch_uid="api.answers.watch_writes")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)
