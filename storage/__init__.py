"""Where conversations are kept: Rasa tracker stores (imported by Rasa from endpoints.yml)."""
