"""Exporters: official-layout Excel, flat tables, CSV, charts and PDF briefings. Headless: no Qt."""
