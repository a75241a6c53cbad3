"""Settings: the resolved, picklable values that reach the engine (settings.py), the
configuration files they come from (files.py), and the files a run checks (discovery.py)."""
from cleaner.config.settings import DEFAULT_CONFIG, Config

__all__ = ["DEFAULT_CONFIG", "Config"]
