"""Dialogues that last several messages, saved at every step."""
