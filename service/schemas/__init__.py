"""The input boundary: marshmallow schemas that turn JSON into typed, NFC-clean input."""
