"""Honest statistics (issue 21): privacy-protected monthly releases of the coalition's figures, reviewed by a
statistics officer before they are public, and the staff dashboards of an organisation's own work."""
