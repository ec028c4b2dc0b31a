"""Weekly credits, burst windows and the key's facts: the *meter* step of the partner gate.

One interface, two meters (`meter()` picks the one `API_METER` names):

    meter().admit(digest=…, cost=…, answer_key=…) -> Verdict   # key, burst window, credits
    meter().standing(key) -> Charge                              # the week, without charging
    forget_key(digest)                                           # after a revoke, rotate or edit

- `RedisMeter` (production, when REDIS_URL is set): one Lua script reads the key's cached facts,
  counts its burst window and takes the credits in one atomic step, one round trip (and brings
  the cached answer, api/answers.py). A key not cached yet is read from the database once.
  Daily usage goes to a Redis hash that `flush_api_usage` (a beat job) moves into `DailyUsage`.
- `DatabaseMeter` (the newcomer default): the key from the Django cache (else one query), the
  burst window counted in the same cache (`add` + `incr`, atomic in Redis and in local memory)
  and one conditional UPDATE (`credits_used <= quota - cost`), which PostgreSQL re-checks under
  the row lock, so concurrent calls can never overspend; daily usage in the same transaction.

Both count bursts in fixed windows of the key rate's period and refuse a burst without charging;
the week starts on Sunday 00:00 UTC. DRF's own throttles keep their history with a cache `get`
then `set`, which two concurrent calls can both pass, so the burst limit stays here, where it is
exact, and `throttling.PartnerKeyBurstThrottle` only reports the meter's verdict to DRF.
"""

import datetime as dt
import math
import uuid
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from api import conf, selectors
from api.models import DailyUsage, PartnerKey, WeeklyUsage

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


@dataclass(frozen=True)
class Verdict:
    """The meter's decision on one call. `outcome`: unknown (no key has this secret), inactive
    (revoked, switched off, expired), limited (burst window full; not charged), refused (too few
    credits; not charged) or ok (charged, unless the cost was 0). `charge` is the key's week
    after the call whenever the key is usable."""

    outcome: str
    key: selectors.KeyInfo | None = None
    charge: Charge | None = None
    retry_after: int = 0
    # The published data's version and the answer cached for this call under it (api/answers.py;
    # Redis meter only).
    data_version: str = ""
    cached_answer: bytes = b""


def week_start(moment: dt.datetime) -> dt.datetime:
    """Sunday 00:00 UTC on or before `moment`."""
    moment = moment.astimezone(dt.UTC)
    days_since_sunday = (moment.weekday() + 1) % 7
    day = moment.date() - dt.timedelta(days=days_since_sunday)
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def meter_backend() -> str:
    return conf.get("API_METER")


def meter() -> "RedisMeter | DatabaseMeter":
    return RedisMeter() if meter_backend() == "redis" else DatabaseMeter()


def key_rate() -> tuple[int, int] | None:
    """The per-key burst limit as (calls, seconds), or None when rate limiting is off."""
    from django_ratelimit.core import _split_rate

    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return None
    return _split_rate(conf.get("API_KEY_RATE"))


def forget_key(digest: str) -> None:
    """Drop the key's cached facts in both meters, so its next call reads the database."""
    cache.delete(_database_key_name(digest))
    if settings.REDIS_URL:
        redis_client().delete(key_facts_name(digest))


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


def _standing(key: selectors.KeyInfo, now: dt.datetime | None = None) -> Charge:
    return peek(meter_id=key.public_id, key_id=key.id, quota=key.weekly_quota, now=now)


# --- Database meter -------------------------------------------------------------------------


def _database_key_name(digest: str) -> str:
    return f"api:key:{digest}"


class DatabaseMeter:
    def admit(self, *, digest: str, cost: int, answer_key: str = "", burst=None, now=None) -> Verdict:
        now = now or timezone.now()
        key = self._key(digest)
        if key is None:
            return Verdict("unknown")
        if not key.usable or (key.expires_at is not None and key.expires_at <= now):
            return Verdict("inactive", key)
        retry_after = self._burst_over(key, burst or key_rate(), now)
        if retry_after:
            return Verdict("limited", key, _standing(key, now), retry_after)
        if cost == 0:
            return Verdict("ok", key, _standing(key, now))
        charge = _database_charge(key_id=key.id, quota=key.weekly_quota, cost=cost, now=now)
        return Verdict("ok" if charge.allowed else "refused", key, charge)

    def standing(self, key: selectors.KeyInfo) -> Charge:
        return _standing(key)

    @staticmethod
    def _key(digest: str) -> selectors.KeyInfo | None:
        name = _database_key_name(digest)
        key = cache.get(name)
        if key is None:
            key = selectors.partner_key_from_database(digest)
            if key is not None:
                cache.set(name, key, conf.get("API_KEY_CACHE_SECONDS"))
        return key

    @staticmethod
    def _burst_over(key: selectors.KeyInfo, burst: tuple[int, int] | None, now: dt.datetime) -> int:
        """Count the call in the key's fixed window; the seconds left in it when over, else 0."""
        if not burst:
            return 0
        limit, period = burst
        moment = now.timestamp()
        window = int(moment // period) * period
        name = f"{conf.get('API_REDIS_PREFIX')}:burst:{key.id}:{window}"
        cache.add(name, 0, period + 1)
        try:
            calls = cache.incr(name)
        except ValueError:  # the window expired between add and incr: this call opens the next
            cache.add(name, 1, period + 1)
            calls = 1
        return max(math.ceil(window + period - moment), 1) if calls > limit else 0


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
def _take_script():
    return redis_client().register_script(_TAKE_LUA)


def _key(name: str) -> str:
    return f"{conf.get('API_REDIS_PREFIX')}:{name}"


def _week_key(meter_id: uuid.UUID, start: dt.datetime) -> str:
    return _key(f"week:{meter_id}:{start:%Y-%m-%d}")


def key_facts_name(digest: str) -> str:
    return _key(f"key:{digest}")


# The whole meter step in one round trip. KEYS[1] the key's cached facts (a hash named by the
# secret's digest), KEYS[2] pending daily usage hash.
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


@lru_cache(maxsize=1)
def _admit_script():
    return redis_client().register_script(_ADMIT_LUA)


class RedisMeter:
    def admit(self, *, digest: str, cost: int, answer_key: str = "", burst=None, now=None) -> Verdict:
        now = now or timezone.now()
        reply = self._run(digest, cost, answer_key, burst or key_rate(), now)
        if reply is None:  # the key's facts were not cached: read them once, then decide
            stored = selectors.partner_key_from_database(digest)
            if stored is None:
                return Verdict("unknown")
            reply = self._run(digest, cost, answer_key, burst or key_rate(), now, facts=stored)
        return reply

    def standing(self, key: selectors.KeyInfo) -> Charge:
        return _standing(key)

    @staticmethod
    def _run(digest, cost, answer_key, burst, now, facts: selectors.KeyInfo | None = None) -> Verdict | None:
        start = week_start(now)
        limit, period = burst or (0, 1)
        args = [
            f"{now.timestamp():.6f}", cost, f"{start:%Y-%m-%d}", int((start + WEEK - now).total_seconds()) + 86400,
            now.date().isoformat(), limit, period, conf.get("API_REDIS_PREFIX"),
            max(int(conf.get("API_KEY_CACHE_SECONDS")), 1), answer_key,
        ]
        if facts is not None:
            args += [facts.id, str(facts.public_id), facts.organisation, facts.weekly_quota, 1 if facts.usable else 0,
                     f"{facts.expires_at.timestamp():.6f}" if facts.expires_at else ""]
        reply = _admit_script()(keys=[key_facts_name(digest), _key(PENDING_USAGE)], args=args)
        outcome = reply[0].decode()
        if outcome == "miss":
            return None
        cached_answer = reply[9]
        _, key_id, public_id, organisation, quota, expires, used, retry, version = (
            value.decode() for value in reply[:9]
        )
        key = selectors.KeyInfo(
            id=int(key_id), public_id=uuid.UUID(public_id), organisation=organisation, weekly_quota=int(quota),
            usable=outcome != "inactive",
            expires_at=dt.datetime.fromtimestamp(float(expires), dt.UTC) if expires else None,
        )
        if outcome == "inactive":
            return Verdict(outcome, key)
        charge = Charge(allowed=outcome != "refused" and int(used) <= key.weekly_quota, used=int(used),
                        quota=key.weekly_quota, resets_at=start + WEEK)
        return Verdict(outcome, key, charge, int(retry), version, cached_answer)


def pending_usage_flush(*, dry_run: bool = False) -> dict[str, int]:
    """Move daily usage counted in Redis into `DailyUsage`; returns a summary."""
    summary = {"created": 0, "updated": 0, "skipped": 0, "failed": 0}
    if meter_backend() != "redis":
        return summary
    if dry_run:
        summary["skipped"] = len({f.rsplit(b":", 1)[0] for f in redis_client().hkeys(_key(PENDING_USAGE))})
        return summary
    items = _take_script()(keys=[_key(PENDING_USAGE)])
    counts: dict[tuple[int, str], dict[str, int]] = {}
    for field, value in zip(items[::2], items[1::2], strict=True):
        key_id, day, kind = field.decode().split(":")
        counts.setdefault((int(key_id), day), {"calls": 0, "credits": 0, "refused": 0})[kind] += int(value)
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
