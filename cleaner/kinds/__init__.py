"""Rule kinds: each turns a rule's data into findings. A kind module defines
KIND (its name in rule files) and a class named Kind whose KEYS lists the extra
keys its rule files may carry; the loader rejects all others."""
from __future__ import annotations

import importlib
import pkgutil

KINDS: dict[str, type] = {}

for _module in pkgutil.iter_modules(__path__):
    _mod = importlib.import_module(f"{__name__}.{_module.name}")
    if hasattr(_mod, "KIND"):
        KINDS[_mod.KIND] = _mod.Kind
