"""Packaging beyond pyproject.toml: templates/ and fixtures/ ship inside the ``service`` package.

They stay at the top of the repository, where people look for them, and are installed as the packages
``service.templates`` and ``service.fixtures`` (found with ``importlib.resources``), so a wheel installed
anywhere renders without the checkout.
"""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["service", "service.*"]),
        "service.templates",
        "service.fixtures",
    ],
    package_dir={"service.templates": "templates", "service.fixtures": "fixtures"},
)
