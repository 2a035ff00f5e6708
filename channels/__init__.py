"""Rasa input channels of Huidbot (referenced by class path in the credentials file)."""
