"""A WeasyPrint URL fetcher that serves the project's own template assets and nothing else.

WeasyPrint's default fetcher opens any ``file://``, ``http(s)://``, ``ftp://`` or ``data:`` URL a
document names. Our HTML carries user text (escaped, but defence in depth) and is rendered on a
server, so every fetch goes through :class:`AssetFetcher`, which:

- accepts only ``file:`` URLs (no network scheme ever reaches urllib, so no DNS, no socket);
- refuses ``data:`` URLs too: the templates never need them, and "only files under templates/"
  is a rule that is easy to check;
- resolves the path (symlinks and ``..`` included) and refuses anything outside the root;
- raises :class:`FetchRefused` with the reason; WeasyPrint logs it and drops the resource, or
  stops the render when the fetcher is built with ``strict=True``.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from service.render import TEMPLATES


class FetchRefused(ValueError):
    """A resource was asked for that the fetcher will not serve."""


class AssetFetcher(URLFetcher):
    """Serve files under one root directory (templates/ by default) to WeasyPrint."""

    def __init__(self, root: Path = TEMPLATES, *, strict: bool = False) -> None:
        # fail_on_errors makes WeasyPrint turn our refusal into a FatalURLFetchingError.
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=strict)
        self.root = root.resolve()

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        """Return the file ``url`` names, or raise FetchRefused."""
        path = self.resolve(url)
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": media_type}
        )

    def resolve(self, url: str) -> Path:
        """Return the local file for ``url`` if it is a file under the root."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            raise FetchRefused(f"refused {parts.scheme or 'relative'} URL: {url[:200]}")
        if parts.netloc not in ("", "localhost"):
            raise FetchRefused(f"refused file URL on host {parts.netloc!r}: {url[:200]}")
        # url2pathname unquotes %xx exactly once; resolve() folds '..' and symlinks.
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(self.root):
            raise FetchRefused(f"refused path outside {self.root}: {path}")
        if not path.is_file():
            raise FetchRefused(f"no such asset: {path}")
        return path
