"""The `cleaner` command line (typer): the app, its shared options and the command driver."""
