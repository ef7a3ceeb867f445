"""stkit: the authoring, checking and publication toolchain of the WIPO standard on IP data
exchange. The model (model.py) is loaded once from the registry, the catalogues and the MyST
sources (project.py); the checks, the Sphinx extension, the change reports and the release
all read that model."""

__version__ = "0.1.0"
