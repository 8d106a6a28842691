"""The Qt application shell: bootstrap, settings, translation, background tasks, undo commands."""
