"""Where batch items run: the embedded default on this machine, or Celery workers over Redis.

Both engines run the same item code (``service.batch.work``: one item = one call) and keep a
job's files in the same folder layout under VANBAN_DATA_DIR; the choice is one setting,
VANBAN_BROKER_URL. ``service.batch.jobs`` is the embedded engine (a detached process per job,
liveness by file lock); this package is the distributed one (state in Redis, one Celery task
per item, a chord that writes the manifest, the report and the archive).
"""
