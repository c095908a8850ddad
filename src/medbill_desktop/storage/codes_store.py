"""Storing and searching the code sets.

ICD-10-CM lives in `icd10_codes` (code as key, clustered: a code-prefix search is a range scan) with a
contentless FTS5 index `icd10_fts` whose rowid is the code's `search_rank`. A word search asks FTS5
for matches in rowid order and stops at the limit, so it never sorts the thousands of rows a short
prefix matches. The smaller sets share `code_entries` and `code_entries_fts`.

A prefix FTS5 cannot answer from its prefix index (longer than three characters) makes it read and
merge the whole posting list of every word with that prefix; "encoun" alone costs milliseconds. So a
longer prefix is first looked up in the index's own word list (fts5vocab, kept in memory per
database until the next load) and searched as the few whole words it stands for, which FTS5 can
walk lazily and stop early: typing "materials initial encoun" costs 0.05 ms instead of 2.4 ms.

Queries come in as plain tokens (the code sets package parses what a person typed); this module only
turns them into FTS5 syntax, quoting every token so nothing typed is read as an operator.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Literal

from sqlalchemy import Connection, Engine, Integer, Row, and_, case, column, delete, func, select, text

from medbill_desktop.storage.tables import code_entries, codeset_versions, icd10_codes, icd10_groups

Column = Literal["code", "terms", "any"]
MatchTerm = tuple[str, Column]  # (token, where it must match)

_STRIP_APOSTROPHES = "replace(replace(description, '''', ''), '’', '')"


# --- versions --------------------------------------------------------------------------------------
def loaded_version(conn: Connection, set_name: str) -> tuple[str, int] | None:
    row = conn.execute(select(codeset_versions.c.version, codeset_versions.c.row_count)
                       .where(codeset_versions.c.set_name == set_name)).first()
    return (str(row.version), int(row.row_count)) if row else None


def record_version(conn: Connection, set_name: str, version: str, row_count: int, at: str) -> None:
    conn.execute(delete(codeset_versions).where(codeset_versions.c.set_name == set_name))
    conn.execute(codeset_versions.insert().values(set_name=set_name, version=version, row_count=row_count,
                                                  loaded_at=at))


# --- FTS5 ------------------------------------------------------------------------------------------
def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


_WHERE = {"code": "code", "terms": "terms", "any": "{code terms}"}


def match_expression(terms: Sequence[MatchTerm], set_name: str | None = None) -> str:
    """Every token is a prefix and every token is required."""
    parts = [f"set_name : {_quoted(set_name)}"] if set_name is not None else []
    parts += [f"{_WHERE[column]} : {_quoted(token)}*" for token, column in terms if token]
    return " AND ".join(parts)


# Prefixes up to this long are in the FTS5 prefix indexes (prefix='1 2 3' in migration 0002).
PREFIX_INDEXED = 3
# A longer prefix standing for at most this many words is searched as those words.
MAX_EXPANSION = 24

_vocabularies: weakref.WeakKeyDictionary[Engine, tuple[str, list[str]]] = weakref.WeakKeyDictionary()


def _icd10_vocabulary(conn: Connection) -> list[str]:
    """The sorted words of the description column of icd10_fts, cached until the next load."""
    stamp = conn.execute(select(codeset_versions.c.loaded_at, codeset_versions.c.version)
                         .where(codeset_versions.c.set_name == "icd10")).first()
    key = f"{stamp[0]} {stamp[1]}" if stamp else ""
    cached = _vocabularies.get(conn.engine)
    if cached is not None and cached[0] == key:
        return cached[1]
    # In the connection's temp schema: nothing for migrations to see, made again on a new connection.
    conn.exec_driver_sql("CREATE VIRTUAL TABLE IF NOT EXISTS temp.icd10_vocab "
                         "USING fts5vocab(main, icd10_fts, 'col')")
    words = sorted(str(t) for t in conn.exec_driver_sql(
        "SELECT term FROM temp.icd10_vocab WHERE col = 'terms'").scalars())
    _vocabularies[conn.engine] = (key, words)
    return words


def _icd10_clause(vocabulary: list[str], token: str, column: Column) -> str | None:
    """FTS5 syntax for one typed prefix; None when no word of the index starts with it."""
    if column != "terms" or len(token) <= PREFIX_INDEXED:
        return f"{_WHERE[column]} : {_quoted(token)}*"
    first = bisect.bisect_left(vocabulary, token)
    last = bisect.bisect_left(vocabulary, token + "\U0010ffff", first)
    if first == last:
        return None
    if last - first > MAX_EXPANSION:
        return f"terms : {_quoted(token)}*"
    return "terms : (" + " OR ".join(_quoted(w) for w in vocabulary[first:last]) + ")"


def _fts_reset(conn: Connection, table: str) -> None:
    conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('delete-all')")


def _fts_optimize(conn: Connection, table: str) -> None:
    conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('optimize')")


# --- ICD-10-CM -------------------------------------------------------------------------------------
def replace_icd10(conn: Connection, groups: Sequence[Mapping[str, Any]], codes: Sequence[Mapping[str, Any]]) -> None:
    """Swap the whole tabular list for another, in the caller's transaction."""
    _vocabularies.pop(conn.engine, None)
    conn.execute(delete(icd10_codes))
    conn.execute(delete(icd10_groups))
    _fts_reset(conn, "icd10_fts")
    if groups:
        conn.execute(icd10_groups.insert(), list(groups))
    if codes:
        conn.execute(icd10_codes.insert(), list(codes))
    conn.exec_driver_sql(
        f"INSERT INTO icd10_fts(rowid, code, terms) SELECT search_rank, code, {_STRIP_APOSTROPHES} "
        "FROM icd10_codes"
    )
    _fts_optimize(conn, "icd10_fts")


def icd10_counts(conn: Connection) -> tuple[int, int]:
    """(codes, billable codes) in the table."""
    row = conn.execute(select(func.count(), func.coalesce(func.sum(case((icd10_codes.c.billable, 1), else_=0)), 0))
                       .select_from(icd10_codes)).one()
    return int(row[0]), int(row[1])


_ICD_COLUMNS = (icd10_codes.c.code, icd10_codes.c.display_code, icd10_codes.c.description,
                icd10_codes.c.billable)


def icd10_get(conn: Connection, code: str) -> Row[Any] | None:
    return conn.execute(select(*_ICD_COLUMNS).where(icd10_codes.c.code == code)).first()


def icd10_by_prefix(conn: Connection, prefix: str, limit: int) -> list[Row[Any]]:
    """Codes starting with `prefix` (upper case, no dot) in code order: a header before what it holds."""
    return list(conn.execute(
        select(*_ICD_COLUMNS)
        .where(and_(icd10_codes.c.code >= prefix, icd10_codes.c.code < prefix + "~"))
        .order_by(icd10_codes.c.code).limit(limit)
    ))


_ICD_MATCH = text(
    "SELECT c.code, c.display_code, c.description, c.billable "
    "FROM (SELECT rowid AS r FROM icd10_fts WHERE icd10_fts MATCH :match ORDER BY rowid LIMIT :limit) AS f "
    "JOIN icd10_codes AS c ON c.search_rank = f.r ORDER BY f.r"
)


def icd10_match(conn: Connection, terms: Sequence[MatchTerm], limit: int) -> list[Row[Any]]:
    """Codes matching every term, in search order (billable first, broader first)."""
    terms = [(token, where) for token, where in terms if token]
    if not terms:
        return []
    long_words = any(len(t) > PREFIX_INDEXED and where == "terms" for t, where in terms)
    vocabulary = _icd10_vocabulary(conn) if long_words else []
    clauses = [_icd10_clause(vocabulary, token, where) for token, where in terms]
    if any(c is None for c in clauses):
        return []
    return list(conn.execute(_ICD_MATCH, {"match": " AND ".join(c for c in clauses if c), "limit": limit}))


def icd10_all(conn: Connection) -> list[Row[Any]]:
    return list(conn.execute(select(*_ICD_COLUMNS).order_by(icd10_codes.c.search_rank)))


# --- the smaller sets ------------------------------------------------------------------------------
_ENTRY_COLUMNS = (code_entries.c.code, code_entries.c.description, code_entries.c.long_description,
                  code_entries.c.effective_from, code_entries.c.effective_to, code_entries.c.source)


def entry_get(conn: Connection, set_name: str, code: str) -> Row[Any] | None:
    return conn.execute(select(code_entries.c.set_name, *_ENTRY_COLUMNS).where(
        and_(code_entries.c.set_name == set_name, code_entries.c.code == code))).first()


def entry_count(conn: Connection, set_name: str) -> int:
    return int(conn.execute(select(func.count()).select_from(code_entries)
                            .where(code_entries.c.set_name == set_name)).scalar_one())


def entry_sources(conn: Connection, set_name: str) -> dict[str, str]:
    """code -> where its row came from ("shipped", "cms", ...)."""
    return {str(r.code): str(r.source) for r in conn.execute(
        select(code_entries.c.code, code_entries.c.source).where(code_entries.c.set_name == set_name))}


def upsert_entries(conn: Connection, set_name: str, rows: Iterable[Mapping[str, Any]], source: str,
                   *, keep_other_sources: bool = False) -> tuple[int, int]:
    """Add or update rows of one set; returns (added, updated). With `keep_other_sources`, a row that
    came from elsewhere (an imported file) is left as it is: shipped data never overwrites an import."""
    existing = entry_sources(conn, set_name)
    added: list[dict[str, Any]] = []
    updated = 0
    for row in rows:
        values = {"description": row["description"], "long_description": row.get("long_description", ""),
                  "effective_from": row.get("effective_from"), "effective_to": row.get("effective_to"),
                  "source": source}
        code = str(row["code"])
        if code not in existing:
            added.append({"set_name": set_name, "code": code, **values})
            existing[code] = source
        elif keep_other_sources and existing[code] != source:
            continue
        else:
            conn.execute(code_entries.update().where(and_(code_entries.c.set_name == set_name,
                                                          code_entries.c.code == code)).values(values))
            updated += 1
    if added:
        conn.execute(code_entries.insert(), added)
    return len(added), updated


def delete_entries(conn: Connection, set_name: str) -> int:
    return int(conn.execute(delete(code_entries).where(code_entries.c.set_name == set_name)).rowcount)


def rebuild_entries_index(conn: Connection) -> None:
    """Re-index every small set (a few tens of thousands of rows at most)."""
    _fts_reset(conn, "code_entries_fts")
    conn.exec_driver_sql(
        f"INSERT INTO code_entries_fts(rowid, set_name, code, terms) SELECT id, set_name, code, "
        f"{_STRIP_APOSTROPHES} FROM code_entries"
    )
    _fts_optimize(conn, "code_entries_fts")


def reindex_entries(conn: Connection, set_name: str, codes: Sequence[str], *, drop: bool) -> None:
    """Keep the index of a few codes of one set current without rebuilding it: call with drop=True before their
    rows change (the contentless index forgets a row only given its indexed values) and drop=False after."""
    verb = "INSERT INTO code_entries_fts(code_entries_fts, rowid, set_name, code, terms) SELECT 'delete', " \
        if drop else "INSERT INTO code_entries_fts(rowid, set_name, code, terms) SELECT "
    codes = list(codes)
    for start in range(0, len(codes), 500):
        chunk = codes[start:start + 500]
        conn.exec_driver_sql(
            f"{verb}id, set_name, code, {_STRIP_APOSTROPHES} FROM code_entries WHERE set_name = ? "
            f"AND code IN ({', '.join('?' * len(chunk))})", (set_name, *chunk))


def entries_search(conn: Connection, set_name: str, terms: Sequence[MatchTerm], code_hint: str,
                   on: date, limit: int) -> list[Row[Any]]:
    """Rows of one set matching every term. Order: the code typed exactly, codes starting with what
    was typed, codes in use on `on`, then by code."""
    active = and_(
        (code_entries.c.effective_from.is_(None)) | (code_entries.c.effective_from <= on),
        (code_entries.c.effective_to.is_(None)) | (code_entries.c.effective_to >= on),
    )
    query = select(*_ENTRY_COLUMNS, active.label("active")).where(code_entries.c.set_name == set_name)
    if any(token for token, _ in terms):
        matching = (text("SELECT rowid FROM code_entries_fts WHERE code_entries_fts MATCH :match")
                    .bindparams(match=match_expression(terms, set_name)).columns(column("rowid", Integer)))
        query = query.where(code_entries.c.id.in_(matching))
    if code_hint:
        query = query.order_by(case((code_entries.c.code == code_hint, 0),
                                    (code_entries.c.code.startswith(code_hint, autoescape=True), 1), else_=2))
    query = query.order_by(case((active, 0), else_=1), code_entries.c.code).limit(limit)
    return list(conn.execute(query))
