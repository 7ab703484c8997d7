"""The read-only JSON API (OpenAPI 3): open data for everyone, applications for partners.

A screen, like `web`: it uses the apps, the apps never import it.
"""
