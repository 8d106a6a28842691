"""Reusable Qt widgets: the spreadsheet grid, its delegates, and widgets built on it."""
