"""Agencies and administrative units with validity by date, and the check for ceased ones."""

from .check import Problem, stale_bodies, stale_errors
from .model import Body, CentralCity, Directory, Level, Province, load_directory, parse_directory

__all__ = [
    "Body",
    "CentralCity",
    "Directory",
    "Level",
    "Problem",
    "Province",
    "load_directory",
    "parse_directory",
    "stale_bodies",
    "stale_errors",
]
