"""Staff review of possible duplicate leaders and organizations (registered from admin.py)."""
