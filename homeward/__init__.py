"""Homeward: case management for assisted voluntary return and reintegration of migrants."""
