"""Weekly credit metering: every metered call takes `cost` credits, atomically, or is refused.

Two meters with the same contract:
- Redis (when REDIS_URL is set): one Lua script checks and increments the week's counter, so
  the check and the write are one atomic step; daily usage goes to a Redis hash that
  `flush_api_usage` (a beat job) moves into `DailyUsage`. On the request path `admit` runs
  the whole gate in that one script (one round trip): the key's cached facts, its burst
  window and the charge.
- Database (the newcomer default): a single conditional UPDATE
  (`credits_used <= quota - cost`), which PostgreSQL re-checks under the row lock, so
  concurrent calls can never overspend; daily usage is written in the same transaction.
The week starts on Sunday 00:00 UTC.
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from api import conf
from api.models import DailyUsage, WeeklyUsage

WEEK = dt.timedelta(days=7)
PENDING_USAGE = "usage:pending"


@dataclass(frozen=True)
class Charge:
    allowed: bool
    used: int
    quota: int
    resets_at: dt.datetime

    @property
    def remaining(self) -> int:
        return max(self.quota - self.used, 0)

    def seconds_to_reset(self, now: dt.datetime | None = None) -> int:
        return max(int((self.resets_at - (now or timezone.now())).total_seconds()) + 1, 1)


def week_start(moment: dt.datetime) -> dt.datetime:
    """Sunday 00:00 UTC on or before `moment`."""
    moment = moment.astimezone(dt.UTC)
    days_since_sunday = (moment.weekday() + 1) % 7
    day = moment.date() - dt.timedelta(days=days_since_sunday)
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def meter_backend() -> str:
    return conf.get("API_METER")


def charge(*, meter_id: uuid.UUID, key_id: int, quota: int, cost: int, now=None) -> Charge:
    """Take `cost` credits from the key's week, or refuse without taking any."""
    now = now or timezone.now()
    if meter_backend() == "redis":
        return _redis_charge(meter_id=meter_id, key_id=key_id, quota=quota, cost=cost, now=now)
    return _database_charge(key_id=key_id, quota=quota, cost=cost, now=now)


def peek(*, meter_id: uuid.UUID, key_id: int, quota: int, now=None) -> Charge:
    """The week's standing without charging anything."""
    now = now or timezone.now()
    start = week_start(now)
    if meter_backend() == "redis":
        used = int(redis_client().get(_week_key(meter_id, start)) or 0)
    else:
        used = (
            WeeklyUsage.objects.filter(key_id=key_id, week_start=start)
            .values_list("credits_used", flat=True)
            .first()
            or 0
        )
    return Charge(allowed=used < quota, used=used, quota=quota, resets_at=start + WEEK)


# --- Database meter -------------------------------------------------------------------------


@transaction.atomic
def _database_charge(*, key_id: int, quota: int, cost: int, now: dt.datetime) -> Charge:
    start = week_start(now)
    WeeklyUsage.objects.bulk_create(
        [WeeklyUsage(key_id=key_id, week_start=start)], ignore_conflicts=True
    )
    week = WeeklyUsage.objects.filter(key_id=key_id, week_start=start)
    allowed = bool(week.filter(credits_used__lte=quota - cost).update(credits_used=F("credits_used") + cost))
    used = week.values_list("credits_used", flat=True).get()
    _database_record_day(key_id=key_id, day=now.date(), cost=cost, allowed=allowed)
    return Charge(allowed=allowed, used=used, quota=quota, resets_at=start + WEEK)


def _database_record_day(*, key_id: int, day: dt.date, cost: int, allowed: bool) -> None:
    DailyUsage.objects.bulk_create([DailyUsage(key_id=key_id, day=day)], ignore_conflicts=True)
    if allowed:
        changes = {"calls": F("calls") + 1, "credits": F("credits") + cost}
    else:
        changes = {"refused": F("refused") + 1}
    DailyUsage.objects.filter(key_id=key_id, day=day).update(**changes)


# --- Redis meter ----------------------------------------------------------------------------

# KEYS[1] week counter, KEYS[2] pending daily usage hash.
# ARGV: cost, quota, counter TTL (s), hash field prefix "<key_id>:<day>".
_CHARGE_LUA = """
local cost = tonumber(ARGV[1])
local quota = tonumber(ARGV[2])
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used + cost > quota then
  redis.call('HINCRBY', KEYS[2], ARGV[4] .. ':refused', 1)
  return {0, used}
end
if cost > 0 then
  used = redis.call('INCRBY', KEYS[1], cost)
  redis.call('EXPIRE', KEYS[1], ARGV[3])
end
redis.call('HINCRBY', KEYS[2], ARGV[4] .. ':calls', 1)
redis.call('HINCRBY', KEYS[2], ARGV[4] .. ':credits', cost)
return {1, used}
"""

# Take the pending hash atomically, so calls made during a flush land in the next one.
_TAKE_LUA = """
local items = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return items
"""


@lru_cache(maxsize=1)
def redis_client():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL)


@lru_cache(maxsize=1)
def _scripts():
    client = redis_client()
    return client.register_script(_CHARGE_LUA), client.register_script(_TAKE_LUA)


def _key(name: str) -> str:
    return f"{conf.get('API_REDIS_PREFIX')}:{name}"


def _week_key(meter_id: uuid.UUID, start: dt.datetime) -> str:
    return _key(f"week:{meter_id}:{start:%Y-%m-%d}")


def _redis_charge(*, meter_id, key_id: int, quota: int, cost: int, now: dt.datetime) -> Charge:
    start = week_start(now)
    charge_script, _ = _scripts()
    ttl = int((start + WEEK - now).total_seconds()) + 86400
    allowed, used = charge_script(
        keys=[_week_key(meter_id, start), _key(PENDING_USAGE)],
        args=[cost, quota, ttl, f"{key_id}:{now.date().isoformat()}"],
    )
    return Charge(allowed=bool(allowed), used=int(used), quota=quota, resets_at=start + WEEK)


# The whole gate of a metered call in one round trip. KEYS[1] the key's cached facts (a hash
# named by the secret's digest), KEYS[2] pending daily usage hash.
# ARGV: now (epoch s), cost, week start, week counter TTL, day, burst limit (0 = none), burst
# period (s), key prefix, cache TTL, the answer's name in the answer cache ("" = none; see
# api/answers.py), then, after a "miss", the facts to cache:
# id, public_id, organisation, weekly_quota, usable (1/0), expires (epoch s or "").
# Keys are built in the script from the cached id, so this needs one Redis, not a cluster.
# Returns {outcome, id, public_id, organisation, quota, expires, used, retry_after, data version,
# cached answer}: outcome is miss, inactive, limited (burst), refused (quota) or ok; cost 0 reads
# the week without counting. The last two are "" unless the call was charged and an answer's
# name was given; the cached answer is "" when none is stored under the current version.
_ADMIT_LUA = """
local now = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
if ARGV[11] then
  redis.call('HSET', KEYS[1], 'id', ARGV[11], 'public_id', ARGV[12], 'organisation', ARGV[13],
             'quota', ARGV[14], 'usable', ARGV[15], 'expires', ARGV[16])
  redis.call('EXPIRE', KEYS[1], ARGV[9])
end
local info = redis.call('HMGET', KEYS[1], 'id', 'public_id', 'organisation', 'quota', 'usable', 'expires')
if not info[1] then
  return {'miss'}
end
local id, public_id, quota = info[1], info[2], tonumber(info[4])
local function answer(outcome, used, retry, version, cached)
  return {outcome, id, public_id, info[3], info[4], info[6], tostring(used), tostring(retry),
          version or '', cached or ''}
end
if info[5] ~= '1' or (info[6] ~= '' and tonumber(info[6]) <= now) then
  return answer('inactive', 0, 0)
end
local prefix = ARGV[8]
local week = prefix .. ':week:' .. public_id .. ':' .. ARGV[3]
local limit = tonumber(ARGV[6])
if limit > 0 then
  local period = tonumber(ARGV[7])
  local window = math.floor(now / period) * period
  local counter = prefix .. ':burst:' .. id .. ':' .. window
  local calls = redis.call('INCR', counter)
  if calls == 1 then
    redis.call('EXPIRE', counter, period + 1)
  end
  if calls > limit then
    return answer('limited', tonumber(redis.call('GET', week) or '0'), math.max(math.ceil(window + period - now), 1))
  end
end
local used = tonumber(redis.call('GET', week) or '0')
if cost == 0 then
  return answer('ok', used, 0)
end
local field = id .. ':' .. ARGV[5]
if used + cost > quota then
  redis.call('HINCRBY', KEYS[2], field .. ':refused', 1)
  return answer('refused', used, 0)
end
used = redis.call('INCRBY', week, cost)
redis.call('EXPIRE', week, ARGV[4])
redis.call('HINCRBY', KEYS[2], field .. ':calls', 1)
redis.call('HINCRBY', KEYS[2], field .. ':credits', cost)
if ARGV[10] == '' then
  return answer('ok', used, 0)
end
local version = redis.call('GET', prefix .. ':data-version') or '0'
return answer('ok', used, 0, version, redis.call('GET', prefix .. ':answer:' .. version .. ':' .. ARGV[10]))
"""


@dataclass(frozen=True)
class Gate:
    """What `admit` found: outcome (miss, inactive, limited, refused, ok), the key's cached facts
    and its week (charged when ok and cost > 0)."""

    outcome: str
    key_id: int = 0
    public_id: uuid.UUID | None = None
    organisation: str = ""
    quota: int = 0
    expires_at: dt.datetime | None = None
    charge: Charge | None = None
    retry_after: int = 0
    # The published data's version and the answer cached for this call under it (api/answers.py).
    data_version: str = ""
    cached_answer: bytes = b""


def key_facts_name(digest: str) -> str:
    return _key(f"key:{digest}")


def key_facts_forget(digest: str) -> None:
    """Drop the key's cached facts so its next call reads the database (revoke, rotate, edit)."""
    if meter_backend() == "redis":
        redis_client().delete(key_facts_name(digest))


def admit(*, digest: str, cost: int, burst: tuple[int, int] | None, facts: tuple | None = None,
          answer_key: str = "", now: dt.datetime | None = None) -> Gate:
    """Check the key behind `digest`, count its burst window and take `cost` credits, in one
    atomic Redis round trip (Redis meter only). `burst` is (calls, seconds) or None for no limit;
    `facts` (id, public_id, organisation, quota, usable, expires_at) are cached first, after a
    "miss" (the key's facts were not cached); `answer_key` names the call's answer in the answer
    cache, which the same round trip looks up when the call is let through."""
    now = now or timezone.now()
    start = week_start(now)
    limit, period = burst or (0, 1)
    args = [
        f"{now.timestamp():.6f}", cost, f"{start:%Y-%m-%d}", int((start + WEEK - now).total_seconds()) + 86400,
        now.date().isoformat(), limit, period, conf.get("API_REDIS_PREFIX"), max(int(conf.get("API_KEY_CACHE_SECONDS")), 1),
        answer_key,
    ]
    if facts is not None:
        key_id, public_id, organisation, quota, usable, expires_at = facts
        args += [key_id, str(public_id), organisation, quota, 1 if usable else 0,
                 f"{expires_at.timestamp():.6f}" if expires_at else ""]
    reply = _admit_script()(keys=[key_facts_name(digest), _key(PENDING_USAGE)], args=args)
    outcome = reply[0].decode()
    if outcome == "miss":
        return Gate(outcome)
    cached_answer = reply[9]
    _, key_id, public_id, organisation, quota, expires, used, retry, version = (
        value.decode() for value in reply[:9]
    )
    quota = int(quota)
    return Gate(
        outcome,
        key_id=int(key_id),
        public_id=uuid.UUID(public_id),
        organisation=organisation,
        quota=quota,
        expires_at=dt.datetime.fromtimestamp(float(expires), dt.UTC) if expires else None,
        charge=Charge(allowed=outcome != "refused" and int(used) <= quota, used=int(used), quota=quota,
                      resets_at=start + WEEK),
        retry_after=int(retry),
        data_version=version,
        cached_answer=cached_answer,
    )


@lru_cache(maxsize=1)
def _admit_script():
    return redis_client().register_script(_ADMIT_LUA)


def pending_usage_flush(*, dry_run: bool = False) -> dict[str, int]:
    """Move daily usage counted in Redis into `DailyUsage`; returns a summary."""
    summary = {"created": 0, "updated": 0, "skipped": 0, "failed": 0}
    if meter_backend() != "redis":
        return summary
    if dry_run:
        summary["skipped"] = len({f.rsplit(b":", 1)[0] for f in redis_client().hkeys(_key(PENDING_USAGE))})
        return summary
    _, take_script = _scripts()
    items = take_script(keys=[_key(PENDING_USAGE)])
    counts: dict[tuple[int, str], dict[str, int]] = {}
    for field, value in zip(items[::2], items[1::2], strict=True):
        key_id, day, kind = field.decode().split(":")
        counts.setdefault((int(key_id), day), {"calls": 0, "credits": 0, "refused": 0})[kind] += int(value)
    from api.models import PartnerKey

    known = set(PartnerKey.objects.filter(pk__in={k for k, _ in counts}).values_list("pk", flat=True))
    for (key_id, day), c in counts.items():
        if key_id not in known:
            summary["skipped"] += 1
            continue
        try:
            with transaction.atomic():
                existed = DailyUsage.objects.filter(key_id=key_id, day=day).exists()
                DailyUsage.objects.bulk_create([DailyUsage(key_id=key_id, day=day)], ignore_conflicts=True)
                DailyUsage.objects.filter(key_id=key_id, day=day).update(
                    calls=F("calls") + c["calls"],
                    credits=F("credits") + c["credits"],
                    refused=F("refused") + c["refused"],
                )
        except Exception:  # noqa: BLE001 - put the counts back and report, never lose them
            pipe = redis_client().pipeline()
            for kind, value in c.items():
                pipe.hincrby(_key(PENDING_USAGE), f"{key_id}:{day}:{kind}", value)
            pipe.execute()
            summary["failed"] += 1
            continue
        summary["updated" if existed else "created"] += 1
    return summary
