"""Vietnamese writing conventions for administrative documents: dates, numbers, text, numbering."""
