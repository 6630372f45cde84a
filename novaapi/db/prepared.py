"""Hot reads run straight on the driver's cursor: compiled once per dialect and list length.

Every server view runs the same few SELECTs. Through a Session each one cost
several times what SQLite took to answer it, in SQLAlchemy's Python alone
(fetching the compiled form from its cache, expanding the IN lists, setting up
the execution context and result). A :class:`Query` compiles its statement
once per database dialect and per length of each list parameter, then runs the
SQL text on the connection the session or connection already holds (so inside
its transaction), and converts the values with the column types exactly as
SQLAlchemy would. The engine's ``before_cursor_execute`` listeners still see
every statement (the statement-counting tests rely on it).

Rows are named tuples: ``row.column_name`` works as on an ORM object, for reading.

On PostgreSQL through psycopg2 each statement is also a server-side prepared
statement (``PREPARE`` once per connection, then ``EXECUTE``): PostgreSQL then
skips parsing and planning, which cost it more than running these reads.
"""

import collections
import itertools
import weakref

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import psycopg2 as pg_psycopg2
from sqlalchemy.sql import sqltypes
from sqlalchemy.sql import visitors

_names = itertools.count(1)
# psycopg2 connection -> names of the statements prepared on it (a new connection has none)
_prepared_on = weakref.WeakKeyDictionary()
_DOLLAR = pg_psycopg2.dialect(paramstyle='numeric_dollar')


def _list_parameters(statement):
    names = set()
    for element in visitors.iterate(statement):
        if isinstance(element, sa.BindParameter) and element.expanding:
            names.add(element.key)
    return sorted(names)


class _Compiled:
    __slots__ = ('sql', 'names', 'defaults', 'bind', 'results', 'prepare', 'name')

    def __init__(self, sql, names, defaults, bind, results, prepare=None, name=None):
        self.sql, self.names, self.defaults = sql, names, defaults
        self.bind, self.results = bind, results
        self.prepare, self.name = prepare, name


def _bind_of(compiled, name):
    # an expanded list item is named <list>_<n> and has its list's type
    param = compiled.binds.get(name)
    if param is None:
        param = compiled.binds[name.rpartition('_')[0]]
    return param


def _server_prepared(statement, params, dialect):
    """``(PREPARE text, EXECUTE text, parameter names)`` for PostgreSQL."""
    compiled = statement.compile(dialect=_DOLLAR)
    state = compiled.construct_expanded_state(params)
    names = list(state.positiontup)
    types = []
    for name in names:
        kind = _bind_of(compiled, name).type
        types.append('text' if isinstance(kind, sqltypes.NullType)
                     else dialect.type_compiler.process(kind))
    label = 'novaapi_%d' % next(_names)
    listed = (' (%s)' % ', '.join(types)) if types else ''
    prepare = 'PREPARE %s%s AS %s' % (label, listed, state.statement)
    execute = 'EXECUTE %s%s' % (label, (' (%s)' % ', '.join(['%s'] * len(names))) if names else '')
    return prepare, execute, names, dict(state.parameters), label


class Query:
    """A SELECT that runs without SQLAlchemy's per-execution work.

    :param statement: a Core ``select`` (or ``select(Model)``) whose parameters
        are named ``bindparam``\\ s; list parameters are ``expanding=True``
    :param row: the named tuple class of the rows (its fields the selected
        columns' keys, in order); by default one made for the statement
    """

    def __init__(self, statement, row=None):
        self.statement = statement
        self.lists = _list_parameters(statement)
        fields = [column.key for column in statement.selected_columns]
        if row is not None and list(row._fields) != fields:
            raise ValueError('row fields %s are not the columns %s' % (row._fields, fields))
        self.Row = row or collections.namedtuple('Row', fields)
        self._compiled = {}

    def _compile(self, dialect, params):
        lengths = tuple(len(params[name]) for name in self.lists)
        key = (dialect.name, dialect.driver, lengths)
        found = self._compiled.get(key)
        if found is not None:
            return found
        compiled = self.statement.compile(dialect=dialect)
        # The SQL text with each list expanded to as many placeholders as these params have
        # items, and every parameter's value by its generated name (literals included).
        state = compiled.construct_expanded_state(params)
        names = list(state.positiontup) if dialect.positional else list(state.parameters)
        sql, defaults, prepare, label = state.statement, dict(state.parameters), None, None
        if dialect.driver == 'psycopg2':
            prepare, sql, names, defaults, label = _server_prepared(self.statement, params, dialect)
        bind = {}
        for name in names:
            processor = _bind_of(compiled, name).type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                bind[name] = processor
        results = [_result_processor(column.type, dialect)
                   for column in self.statement.selected_columns]
        found = _Compiled(sql, names, defaults, bind, None if not any(results) else results,
                          prepare, label)
        self._compiled[key] = found
        return found

    def _values(self, defaults, params):
        values = dict(defaults)
        for name, value in params.items():
            if name in self.lists:
                for index, item in enumerate(value, 1):
                    values['%s_%d' % (name, index)] = item
            else:
                values[name] = value
        return values

    def rows(self, conn, **params):
        """All rows for ``params`` through ``conn`` (a Session or a Connection)."""
        if isinstance(conn, sa.orm.Session):
            conn = conn.connection()
        dialect = conn.dialect
        compiled = self._compile(dialect, params)
        values = self._values(compiled.defaults, params)
        for name, processor in compiled.bind.items():
            values[name] = processor(values[name])
        if dialect.positional or compiled.prepare:
            parameters = tuple(values[name] for name in compiled.names)
        else:
            parameters = {name: values[name] for name in compiled.names}
        cursor = conn.connection.cursor()
        try:
            if compiled.prepare:
                _prepare_once(conn, cursor, compiled)
            conn.dispatch.before_cursor_execute(conn, cursor, compiled.sql, parameters, None, False)
            cursor.execute(compiled.sql, parameters)
            fetched = cursor.fetchall()
        finally:
            cursor.close()
        make = self.Row._make
        if compiled.results is None:
            return [make(row) for row in fetched]
        processors = compiled.results
        return [make([value if fn is None or value is None else fn(value)
                      for fn, value in zip(processors, row)]) for row in fetched]

    def scalar(self, conn, **params):
        """The first column of the first row, or None."""
        found = self.rows(conn, **params)
        return found[0][0] if found else None


def _result_processor(kind, dialect):
    impl = kind.dialect_impl(dialect)
    if isinstance(impl, sqltypes.Float) and not impl.asdecimal:
        # Every driver here returns a double as a float; psycopg's float type would ask
        # for the column's type code, which a statement compiled ahead has not got.
        return None
    return impl.result_processor(dialect, None)


def _prepare_once(conn, cursor, compiled):
    raw = conn.connection.dbapi_connection
    done = _prepared_on.get(raw)
    if done is None:
        done = _prepared_on[raw] = set()
    if compiled.name not in done:
        conn.dispatch.before_cursor_execute(conn, cursor, compiled.prepare, (), None, False)
        cursor.execute(compiled.prepare)
        done.add(compiled.name)
