"""Signals other apps listen to, so that a lower layer never imports a higher one."""

from django.dispatch import Signal

# Public rows were written on `connection` by a path Django's cursors do not see (COPY on
# psycopg's own cursor). Sent with `connection=`; the partner API's answer cache listens.
public_data_written = Signal()
