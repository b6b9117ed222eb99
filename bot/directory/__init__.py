"""Network members and their roles."""
