"""Settings from the environment (prefix VANBAN_), read once and passed down explicitly."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

MIB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """What an operator can set; every field has a sane default for a closed office network."""

    max_content_length: int = 2 * MIB  # VANBAN_MAX_CONTENT_LENGTH, bytes per request body
    api_tokens: tuple[str, ...] = field(default=(), repr=False)  # VANBAN_API_TOKENS, comma list
    preview_debounce_ms: int = 400  # VANBAN_PREVIEW_DEBOUNCE_MS, web form live preview
    site_dir: str | None = None  # VANBAN_SITE_DIR, the site folder laid over the packaged data
    pdf_variant: str = "pdf/a-3b"  # VANBAN_PDF_VARIANT: pdf/a-3b, pdf/a-2b, …, or pdf (plain)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Return the settings named in ``env`` (default: the process environment)."""
        env = os.environ if env is None else env
        tokens = tuple(t.strip() for t in env.get("VANBAN_API_TOKENS", "").split(",") if t.strip())
        return cls(
            max_content_length=_positive(env, "VANBAN_MAX_CONTENT_LENGTH", cls.max_content_length),
            api_tokens=tokens,
            preview_debounce_ms=_positive(
                env, "VANBAN_PREVIEW_DEBOUNCE_MS", cls.preview_debounce_ms
            ),
            site_dir=env.get("VANBAN_SITE_DIR", "").strip() or None,
            pdf_variant=_variant(env.get("VANBAN_PDF_VARIANT") or cls.pdf_variant),
        )


def _positive(env: Mapping[str, str], name: str, default: int) -> int:
    """Return a positive integer setting, or fail at start-up with a clear message."""
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"vanban: {name} phải là số nguyên dương, không phải {raw!r}.") from None
    if value <= 0:
        raise SystemExit(f"vanban: {name} phải là số nguyên dương, không phải {raw!r}.")
    return value


def _variant(value: str) -> str:
    """Return a PDF variant setting, or fail at start-up naming the accepted ones."""
    from .pipeline import PDF_VARIANTS

    if value not in PDF_VARIANTS:
        raise SystemExit(
            f"vanban: VANBAN_PDF_VARIANT phải là một trong {', '.join(PDF_VARIANTS)}, "
            f"không phải {value!r}."
        )
    return value
