"""A job's state in Redis, the result store every API process and worker shares.

Keys (``<id>``: the job id)::

    vanban:jobs                 set of the ids of known jobs
    vanban:job:<id>             hash: state, generation, total, formats, folder, created,
                                updated, ttl, message, renders (item renders, repeats included)
    vanban:job:<id>:items       hash: item index → its one record (JSON): the worker and the
                                manifest entry, or the problems that failed it

An item has exactly one record, whoever wrote it last (a re-rendered item writes the same bytes
and the same record). The generation grows with each resume; a task of an older generation,
delivered again after its worker was lost, does nothing.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import redis

from ..status import now_text

JOBS = "vanban:jobs"
UNFINISHED = ("queued", "running")
FINAL = ("done", "failed", "cancelled")


@cache
def client(url: str) -> redis.Redis:
    """Return a Redis client on ``url`` (one connection pool per process)."""
    return redis.Redis.from_url(url, decode_responses=True)


class JobState:
    """Read and change one job's state."""

    def __init__(self, db: redis.Redis, job_id: str) -> None:
        self.db, self.id = db, job_id
        self.key, self.items_key = f"vanban:job:{job_id}", f"vanban:job:{job_id}:items"

    def create(self, fields: dict[str, Any]) -> None:
        """Record a new queued job."""
        with self.db.pipeline() as pipe:
            pipe.hset(
                self.key,
                mapping={
                    **fields,
                    "state": "queued",
                    "generation": 1,
                    "renders": 0,
                    "updated": now_text(),
                },
            )
            pipe.sadd(JOBS, self.id)
            pipe.execute()

    def read(self) -> dict[str, str]:
        """Return the job's fields; empty when the job is unknown or expired."""
        return self.db.hgetall(self.key)

    def set(self, **fields: Any) -> None:
        """Change fields of the job, and its time of update."""
        self.db.hset(self.key, mapping={**fields, "updated": now_text()})

    def records(self) -> dict[int, dict[str, Any]]:
        """Return every item's record by index."""
        return {int(k): json.loads(v) for k, v in self.db.hgetall(self.items_key).items()}

    def finished_items(self) -> set[int]:
        """Return the indexes of the items that have a record."""
        return {int(k) for k in self.db.hkeys(self.items_key)}

    def has(self, index: int) -> bool:
        """Return whether item ``index`` has a record."""
        return bool(self.db.hexists(self.items_key, index))

    def record(self, index: int, record: dict[str, Any], rendered: bool) -> None:
        """Store an item's record; count the render when it rendered."""
        with self.db.pipeline() as pipe:
            pipe.hset(self.items_key, index, json.dumps(record, ensure_ascii=False))
            if rendered:
                pipe.hincrby(self.key, "renders", 1)
            pipe.hset(self.key, "updated", now_text())
            pipe.execute()

    def resume(self) -> int:
        """Start a new generation of the job, queued again; return it."""
        with self.db.pipeline() as pipe:
            pipe.hincrby(self.key, "generation", 1)
            pipe.hset(self.key, mapping={"state": "queued", "updated": now_text(), "message": ""})
            pipe.persist(self.key)
            pipe.persist(self.items_key)
            generation = pipe.execute()[0]
        return int(generation)

    def expire(self, seconds: int) -> None:
        """Let the job's keys vanish ``seconds`` from now."""
        with self.db.pipeline() as pipe:
            pipe.expire(self.key, seconds)
            pipe.expire(self.items_key, seconds)
            pipe.execute()

    def delete(self) -> None:
        """Forget the job."""
        with self.db.pipeline() as pipe:
            pipe.delete(self.key, self.items_key)
            pipe.srem(JOBS, self.id)
            pipe.execute()


def unfinished(db: redis.Redis) -> int:
    """Return how many jobs wait or run; forget the ids whose state has expired."""
    ids = sorted(db.smembers(JOBS))
    with db.pipeline() as pipe:
        for job_id in ids:
            pipe.hget(f"vanban:job:{job_id}", "state")
        states = pipe.execute()
    gone = [job_id for job_id, state in zip(ids, states, strict=True) if state is None]
    if gone:
        db.srem(JOBS, *gone)
    return sum(1 for state in states if state in UNFINISHED)
