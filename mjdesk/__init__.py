"""mjdesk: a desktop studio for Midjourney V8.1 through EvoLink's API."""

__version__ = "0.1.0"
