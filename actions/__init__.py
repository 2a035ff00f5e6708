"""Thin Rasa SDK actions over the bot package (see bot/)."""
