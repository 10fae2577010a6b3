"""The spaCy pipeline, loaded once per process."""
