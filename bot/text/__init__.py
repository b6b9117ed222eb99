"""Text helpers every feature shares: folding French for comparison."""
