"""Meetings and deadlines: French dates, calendar rules, reminders scheduled from the database."""
