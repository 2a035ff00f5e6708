"""Custom Rasa NLU components (thin; logic lives in bot/)."""
