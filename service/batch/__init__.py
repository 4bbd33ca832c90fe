"""Batch regeneration: many inputs to files, a manifest and a report; resumable; HTTP jobs.

inputs (and sheets) collect items; reissue and stale prepare next year's drafts; prepare checks
each item and composes it once; state holds a run; runner, pool and work render them; manifest,
report, status and archive record what happened; jobs and upload hold the HTTP jobs on disk;
cli is ``vanban batch``.
"""
