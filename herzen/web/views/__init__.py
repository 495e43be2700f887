"""The caseworker pages: thin views that call selectors and services with `actor=request.actor`."""
