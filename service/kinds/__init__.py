"""Document kinds: typed inputs and pure compose steps (input -> model.Document)."""
