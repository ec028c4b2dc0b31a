# The incidents admin is split by concern: the classifier registry and the review side.
from incidents import admin_classifier, admin_review  # noqa: F401
