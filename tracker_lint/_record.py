"""``@record``: a frozen, keyword-only dataclass whose methods are written once.

On CPython 3.11, ``@dataclass(frozen=True)`` compiles every method it adds
(``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``,
``__delattr__``) with ``exec``: about 0.6 ms a class, which for the dozen classes
of the profile language was the largest part of importing the check path (a
pre-commit hook pays it on every commit). ``record`` makes the same real dataclass
(``dataclasses.fields``, ``replace`` and pydantic read its fields as usual) with no
generated code: the behaviour comes from the functions below, shared by every
record. Instances are compared, hashed and shown by their fields as a frozen
dataclass's are, assignment raises ``FrozenInstanceError``, and the type checker
sees a frozen keyword-only dataclass (PEP 681's ``dataclass_transform``).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform  # typing's own from Python 3.11
else:

    def dataclass_transform(**_: object) -> Any:
        return lambda function: function


_T = TypeVar("_T")
_MISSING: Any = dataclasses.MISSING


def _init(self: Any, **values: Any) -> None:
    cls = type(self)
    assign = object.__setattr__
    for name, default, factory in cls.__record_init__:
        if name in values:
            value = values.pop(name)
        elif default is not _MISSING:
            value = default
        elif factory is not _MISSING:
            value = factory()
        else:
            raise TypeError(f"{cls.__qualname__}() missing keyword argument {name!r}")
        assign(self, name, value)
    if values:
        unexpected = next(iter(values))
        raise TypeError(f"{cls.__qualname__}() got an unexpected keyword argument {unexpected!r}")
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


def _eq(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]
    return all(getattr(self, name) == getattr(other, name) for name in self.__record_compare__)


def _hash(self: Any) -> int:
    # A record never changes, so its hash is computed once: a profile is a key of
    # several caches, looked up for every file of a run.
    try:
        return self.__dict__["_record_hash"]  # type: ignore[no-any-return]
    except KeyError:
        value = hash((self.__class__, *(getattr(self, name) for name in self.__record_hash__)))
        self.__dict__["_record_hash"] = value
        return value


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_repr__)
    return f"{type(self).__qualname__}({shown})"


def _setattr(self: Any, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


@dataclass_transform(
    kw_only_default=True, frozen_default=True, field_specifiers=(dataclasses.field,)
)
def record(cls: type[_T]) -> type[_T]:
    """Make ``cls`` a frozen keyword-only dataclass, without compiling its methods."""
    made = dataclasses.dataclass(cls, init=False, repr=False, eq=False, kw_only=True)
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    made.__record_init__ = tuple(  # type: ignore[attr-defined]
        (f.name, f.default, f.default_factory) for f in fields if f.init
    )
    made.__record_compare__ = tuple(f.name for f in fields if f.compare)  # type: ignore[attr-defined]
    made.__record_hash__ = tuple(  # type: ignore[attr-defined]
        f.name for f in fields if (f.compare if f.hash is None else f.hash)
    )
    made.__record_repr__ = tuple(f.name for f in fields if f.repr)  # type: ignore[attr-defined]
    for name, method in (
        ("__init__", _init),
        ("__eq__", _eq),
        ("__hash__", _hash),
        ("__repr__", _repr),
        ("__setattr__", _setattr),
        ("__delattr__", _delattr),
    ):
        setattr(made, name, method)
    return made
