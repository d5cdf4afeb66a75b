"""Django models for the Open Food Facts catalogue that offimport keeps in PostgreSQL."""
