"""Per-request batch loaders (synchronous DataLoader pattern).

List resolvers *hint* the ids on the page they return (`hint(info, "product", ids)`); the first nested
field that asks a loader for one key then loads every hinted key of that family in one query and caches
the result for the request. So `products(first: 100) { variants pricing ocop thumbnail … }` costs the same
number of SQL queries as `first: 10`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Any, ClassVar


def _state(info) -> dict:
    ctx = info.context
    state = getattr(ctx, "_ocop_loaders", None)
    if state is None:
        state = {"hints": defaultdict(set), "loaders": {}}
        ctx._ocop_loaders = state
    return state


def hint(info, family: str, keys: Iterable[Hashable]) -> None:
    """Announce keys that nested fields will probably ask for, so they are loaded together."""
    _state(info)["hints"][family].update(keys)


class BatchLoader:
    """Subclasses set `family` and implement `batch(keys) -> {key: value}`; `empty()` is the missing value."""

    family: ClassVar[str] = ""

    def __init__(self, info, *args: Any):
        self.info = info
        self.args = args
        self.cache: dict[Hashable, Any] = {}

    def empty(self) -> Any:
        return None

    def batch(self, keys: list) -> dict:
        raise NotImplementedError

    def load(self, key: Hashable) -> Any:
        if key not in self.cache:
            wanted = ({key} | _state(self.info)["hints"][self.family]) - self.cache.keys()
            found = self.batch(sorted(wanted))
            for k in wanted:
                self.cache[k] = found.get(k, self.empty())
        return self.cache[key]

    def load_many(self, keys: Iterable[Hashable]) -> list:
        keys = list(keys)
        hint(self.info, self.family, keys)
        return [self.load(k) for k in keys]


def get_loader(info, cls: type[BatchLoader], *args: Any) -> BatchLoader:
    loaders = _state(info)["loaders"]
    key = (cls, args)
    if key not in loaders:
        loaders[key] = cls(info, *args)
    return loaders[key]
