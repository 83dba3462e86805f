from . import admin_duplicates  # noqa: F401  (registers the duplicate review admin)
