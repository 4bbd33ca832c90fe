"""Imported by the fork server of a batch's workers: the pipeline warmed once for all of them.

Each worker forks from the server with reference data, schemas, templates and number formats
ready (``pipeline.warm``), instead of building them on its first items, and so does each
worker started to replace one recycled after TASKS_PER_WORKER items.
"""

from __future__ import annotations

import sys

from ..pipeline import warm

warm(pdf="service.render.pdf" in sys.modules)  # imported first when the batch prints PDF
