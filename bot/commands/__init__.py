"""Commands: declarations, typed arguments, dispatch, errors turned into replies, generated help."""
