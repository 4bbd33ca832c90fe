"""The site folder: what one office or province adds to the packaged reference data and templates.

``folder`` reads, checks and merges it; ``problems`` names each fault by file, entry and field;
``templates`` tries the site's templates; ``init`` writes a ready-to-edit folder.
"""

from .folder import SiteData, check_site, load_site, packaged_data, read_site
from .problems import InvalidSite, SiteProblem

__all__ = [
    "InvalidSite",
    "SiteData",
    "SiteProblem",
    "check_site",
    "load_site",
    "packaged_data",
    "read_site",
]
