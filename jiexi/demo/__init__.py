"""Realistic Xiamen demo data for development machines (see manage.py seed_demo)."""
