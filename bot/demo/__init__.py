"""The one-command demo and the pieces the integration tests share with it (dev extra only)."""
