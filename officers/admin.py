from officers import admin_photos  # noqa: F401
