"""Windows, dialogs and panels of the desktop app (Qt). They talk to services, never to SQL."""
