"""Where conversations are kept: Rasa tracker stores (imported by Rasa from endpoints.yml), with
erasure on request and retention (storage/tracker_store.py) and outage handling (storage/outage.py)."""
