"""The HTTP edge: JSON API under /api/v1, its OpenAPI description, and the clerks' web pages."""
