"""Referral answers: the knowledge base, its index, and how an answer reads."""
