"""One small registry for every extension point: document readers, segment writers, term
writers, report writers and checks.

A registry maps names (file suffixes such as ".tmx", or check names) to implementations of
one named contract (a ``typing.Protocol`` of the kind's package), in the order they were
registered. Looking up a name that is not there is a one-line ``AlignerError`` (or the
subclass the registry was made with) that names what is known, so an unknown suffix is
refused, never read or written as something else. Adding a format or a check is writing its
module and registering it in its package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from .errors import AlignerError

T = TypeVar("T")


def _names(names: str | tuple[str, ...]) -> tuple[str, ...]:
    return (names,) if isinstance(names, str) else names


class Registry(Generic[T]):
    """Implementations of one kind by name. ``kind`` names them in messages ("input format",
    "memory format", "check"); ``error`` is the error class an unknown name raises and
    ``unknown`` its message, with ``{kind}``, ``{name}`` (quoted) and ``{known}`` filled in. An
    entry may be registered as a factory called on first use, so that a format's dependencies
    are imported only when a file of that format is met."""

    def __init__(
        self,
        kind: str,
        error: type[AlignerError] = AlignerError,
        unknown: str = "unknown {kind} {name} (known: {known})",
        unnamed: str = "no {kind} given (known: {known})",
    ) -> None:
        self.kind = kind
        self.error = error
        self.unknown = unknown
        self.unnamed = unnamed
        self._order: list[str] = []
        self._factories: dict[str, Callable[[], T]] = {}
        self._loaded: dict[str, T] = {}

    def _claim(self, names: str | tuple[str, ...]) -> tuple[str, ...]:
        claimed = _names(names)
        for name in claimed:
            if name in self._order:
                raise ValueError(f"{self.kind} {name!r} is registered twice")
        self._order.extend(claimed)
        return claimed

    def register(self, names: str | tuple[str, ...], entry: T) -> T:
        """Register ``entry`` under each of ``names`` (a name registered twice is an error)."""
        for name in self._claim(names):
            self._loaded[name] = entry
        return entry

    def register_lazy(self, names: str | tuple[str, ...], factory: Callable[[], T]) -> None:
        """Register what ``factory()`` returns, made on first use of one of ``names``."""
        for name in self._claim(names):
            self._factories[name] = factory

    def names(self) -> tuple[str, ...]:
        """The registered names, in the order they were registered."""
        return tuple(self._order)

    def known(self) -> str:
        """The registered names for a message: ".tmx, .tsv, .jsonl"."""
        return ", ".join(self._order)

    def __contains__(self, name: object) -> bool:
        return name in self._order

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def get(self, name: str, what: str = "") -> T:
        """The implementation registered as ``name``; the registry's error naming the known
        ones if there is none (``what`` says what was asked for, such as a file name)."""
        if name in self._loaded:
            return self._loaded[name]
        factory = self._factories.get(name)
        if factory is None:
            subject = f"{what}: " if what else ""
            template = self.unknown if name else self.unnamed
            raise self.error(subject + template.format(kind=self.kind, name=repr(name), known=self.known()))
        value = self._loaded[name] = factory()
        return value

    def items(self) -> Iterator[tuple[str, T]]:
        """Every (name, implementation), in order, loading lazy ones."""
        for name in self._order:
            yield name, self.get(name)
