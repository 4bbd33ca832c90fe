"""Browser tests: the web pages in a real Chromium, driven by Playwright."""
