"""Document templates, installed as the package ``service.templates`` (see setup.py).

``decisions/document.docx`` is the Word template every kind shares; ``decisions/<kind>.html`` and the shared
partials and ``document.css`` print the HTML preview and the PDF. Found through ``importlib.resources``.
"""
