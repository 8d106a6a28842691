"""Command-line interface: headless, on the same services as the GUI."""
