"""Importers: read the tables departments send back. Headless: no Qt."""
