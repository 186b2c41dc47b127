"""A model instance's INSERT, built before the writing transaction and run inside it.

On SQLite one connection writes at a time (lib/writelock.py), so what a writer does
while it holds the lock sets how many writes a second the whole site can make. Building
an INSERT with the ORM (`Model.save`) is Python work that needs no lock: done before the
lock, the write itself is one statement. The statement is Django's own (its compiler
builds it from the model's fields, as `save()` would), so a new field needs nothing here.

Only for a plain insert of a new instance: no signals are sent (the models this serves
have no receivers) and every field's value must be a plain value, not an expression.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field, Model
from django.db.models.sql import InsertQuery

# (model, database) -> the statement: the same for every row of a model with plain
# values, so Django's compiler builds it once per process; each row converts its values.
_STATEMENTS: dict[tuple[type[Model], str], str] = {}


def _statement(obj: Model, fields: list[Any], using: str) -> str:
    key = (type(obj), using)
    if key not in _STATEMENTS:
        query = InsertQuery(type(obj))
        query.insert_values(fields, [obj])
        compiler = query.get_compiler(using=using)
        if connections[using].features.can_return_columns_from_insert:
            compiler.returning_fields = [obj._meta.pk]
        [(sql, params)] = compiler.as_sql()
        if compiler.returning_params or len(params) != len(fields):
            raise ValueError(f"{type(obj).__name__}: its INSERT cannot be prepared here")
        _STATEMENTS[key] = sql
    return _STATEMENTS[key]


class PreparedInsert:
    """`PreparedInsert(obj, late=["created"])`, then `run(created=now)` in the transaction.

    `late` names fields whose value is only known inside the transaction (a timestamp
    that must follow the order of the writes); `run` sets them on the instance too.
    """

    def __init__(
        self, obj: Model, *, late: Iterable[str] = (), using: str = DEFAULT_DB_ALIAS
    ) -> None:
        if not obj._state.adding:
            raise ValueError(f"{obj!r} is already stored: a prepared insert is for new rows")
        connection = connections[using]
        meta = obj._meta
        fields = [f for f in meta.local_concrete_fields if not f.generated and f is not meta.pk]
        # What the compiler does with each value (pre_save, then the database's form); a
        # plain value is one "%s" in the statement, which is why it can be built once.
        values = [field.pre_save(obj, True) for field in fields]
        if any(hasattr(value, "resolve_expression") for value in values):
            raise ValueError(f"{type(obj).__name__}: every value must be a plain value")
        self.sql = _statement(obj, fields, using)
        self.params = [
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, values, strict=True)
        ]
        self._late: dict[str, tuple[int, Field[Any, Any]]] = {}
        for name in late:
            field = obj._meta.get_field(name)
            if not isinstance(field, Field) or field not in fields:
                raise ValueError(f"{type(obj).__name__}.{name} is not a column it inserts")
            self._late[name] = (fields.index(field), field)
        self.obj = obj
        self.using = using

    def run(self, **late: Any) -> Any:
        """Insert the row (inside the caller's transaction); the new primary key."""
        connection = connections[self.using]
        if set(late) != set(self._late):
            raise TypeError(f"run() needs exactly {sorted(self._late)}, got {sorted(late)}")
        params = list(self.params)
        for name, value in late.items():
            at, field = self._late[name]
            params[at] = field.get_db_prep_save(value, connection)
            setattr(self.obj, field.attname, value)
        meta = self.obj._meta
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            if connection.features.can_return_columns_from_insert:
                pk = connection.ops.fetch_returned_insert_columns(cursor, ())[0]
            else:
                pk = connection.ops.last_insert_id(cursor, meta.db_table, meta.pk.column)
        self.obj.pk = pk
        self.obj._state.adding = False
        self.obj._state.db = self.using
        return pk
