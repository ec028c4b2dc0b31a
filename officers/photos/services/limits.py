"""What a submitted photo may be, and how long a volunteer holds one."""

from datetime import timedelta

from django.conf import settings

MAX_UPLOAD_BYTES = settings.PHOTO_MAX_UPLOAD_BYTES
MAX_PIXELS = settings.PHOTO_MAX_PIXELS
# Longest side a photo is stored at: plenty to recognise a badge, and it bounds the memory one
# upload can take however many pixels it declares.
MAX_SIDE = settings.PHOTO_MAX_SIDE
MAX_FILES_PER_SUBMISSION = 10
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# How long a volunteer keeps an image to themselves before it goes back to the queue.
CLAIM_LEASE = timedelta(minutes=15)
MIN_BOX_SIDE = 8
