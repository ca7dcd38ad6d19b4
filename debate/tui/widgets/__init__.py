"""Small widgets and renderers the trainer's screens share."""
