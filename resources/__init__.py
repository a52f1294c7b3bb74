"""Icons and desktop metadata, shipped as the package mjdesk.resources."""
