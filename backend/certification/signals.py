"""Signals other apps can listen to (search index, caches) when certificates change status."""

from django.dispatch import Signal

# Sent after certificates changed status in bulk; kwargs: certificate_ids, product_ids, to_status.
certificates_status_changed = Signal()
