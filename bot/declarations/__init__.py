"""Weekly activity declarations: the dialogue, its reminders, and the reports for the Caf."""
