"""vanban: Vietnamese administrative documents (ND30/2020/NĐ-CP) from structured data."""

__version__ = "0.1.0"
