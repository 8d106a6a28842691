"""The service layer: everything a user can do, callable from the GUI, the CLI and tests.

Headless: never import Qt here.
"""
