"""Sphinx configuration of the sphinx-neuron-policy documentation (and showcase)."""

import os
import sys

from neuron_policy import __version__

sys.path.insert(0, os.path.abspath("_ext"))

project = "sphinx-neuron-policy"
author = "sphinx-neuron-policy contributors"
copyright = "2026, sphinx-neuron-policy contributors"
# The docs describe the installed package (EPUB needs a version; the PDF title page shows it).
release = __version__
version = ".".join(__version__.split(".")[:2])

extensions = [
    "neuron_policy",  # this project's extension
    "myst_parser",  # Markdown pages (howto/myst.md)
    "policy_reference",  # _ext/policy_reference.py: reference tables generated from the package
]

# The real AWS Neuron SDK lifecycle data, kept at the top of the repository.
neuron_policy_data = "../policy_data"
# The release manifests the Neuron docs render their package tables from: the build checks the
# data against what each release actually shipped (howto/manifest).
neuron_policy_manifests = ["../manifests/n2-manifest.json", "../manifests/neuron-releases-manifest.json"]
# neuron_policy_today is deliberately not set: phases are computed on the day of the build
# (or on the date of SOURCE_DATE_EPOCH), so the policy pages are always current.

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "tutorial/project", "tutorial/broken_data", "README.md"]

html_theme = "sphinx_book_theme"
html_title = "sphinx-neuron-policy"
html_static_path = ["_static"]
html_css_files = ["example.css"]

latex_documents = [
    (root_doc, "sphinx-neuron-policy.tex", "sphinx-neuron-policy", author, "manual"),
]

latex_elements = {
    # pdflatex knows no "less than or equal" text character; the how-tos use it in prose.
    "preamble": r"\DeclareUnicodeCharacter{2264}{\ensuremath{\leq}}",
}

# The site publishes the lifecycle for programs and subscribers (reference/exports): the JSON,
# a calendar, the announcements feed and badge endpoints, in _policy/.
neuron_policy_exports = ["json", "ics", "atom", "badges"]
