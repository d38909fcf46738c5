//! The SQLite database: opening it, the schema migrations and the row types.
//!
//! One `rusqlite::Connection` behind a mutex (see the crate doc for why). The schema is a list
//! of migrations; `PRAGMA user_version` records how many have run.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::time::format_ms;

/// Schema migrations, applied in order; never edit one that has shipped, append a new one.
const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE organizations (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('member', 'admin')),
    password_hash   TEXT NOT NULL
);
CREATE TABLE projects (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    name            TEXT NOT NULL,
    color           TEXT NOT NULL,
    archived        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX projects_org ON projects (organization_id, archived);
-- AUTOINCREMENT: a deleted entry's id is never handed out again, so a second DELETE stays 404.
CREATE TABLE time_entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    project_id  INTEGER NOT NULL REFERENCES projects(id),
    description TEXT NOT NULL DEFAULT '',
    start_ms    INTEGER NOT NULL,
    end_ms      INTEGER,
    created_ms  INTEGER NOT NULL,
    updated_ms  INTEGER NOT NULL
);
CREATE INDEX time_entries_user_start ON time_entries (user_id, start_ms);
-- The database itself guarantees at most one running timer per user.
CREATE UNIQUE INDEX time_entries_one_running ON time_entries (user_id) WHERE end_ms IS NULL;
-- Only the SHA-256 of the session token is stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_ms INTEGER NOT NULL
);
CREATE TABLE webhooks (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    url             TEXT NOT NULL,
    created_ms      INTEGER NOT NULL
);
"#];

/// Opens (creating if needed) the database at `path` (`:memory:` allowed) and migrates it.
pub fn open(path: &str) -> Result<Connection> {
    let dir = Path::new(path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir.filter(|_| path != ":memory:") {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::internal(format!("creating {}: {e}", dir.display())))?;
    }
    let mut conn = Connection::open(path)?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
    )?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Runs the migrations not yet recorded in `user_version`, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let done: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// A time entry row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Entry id.
    pub id: i64,
    /// Owner.
    pub user_id: i64,
    /// Project tracked against.
    pub project_id: i64,
    /// Free text, possibly empty.
    pub description: String,
    /// Start, UTC ms.
    pub start_ms: i64,
    /// End, UTC ms; `None` while running.
    pub end_ms: Option<i64>,
    /// Creation instant, UTC ms.
    pub created_ms: i64,
    /// Last change, UTC ms.
    pub updated_ms: i64,
}

/// The columns [`Entry::from_row`] reads, in order.
pub const ENTRY_COLUMNS: &str =
    "id, user_id, project_id, description, start_ms, end_ms, created_ms, updated_ms";

impl Entry {
    /// Reads the [`ENTRY_COLUMNS`] of a row.
    pub fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            user_id: r.get(1)?,
            project_id: r.get(2)?,
            description: r.get(3)?,
            start_ms: r.get(4)?,
            end_ms: r.get(5)?,
            created_ms: r.get(6)?,
            updated_ms: r.get(7)?,
        })
    }

    /// The entry as `docs/api.md` writes it.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "userId": self.user_id,
            "projectId": self.project_id,
            "description": self.description,
            "startTime": format_ms(self.start_ms),
            "endTime": self.end_ms.map(format_ms),
            "duration": self.end_ms.map(|e| (e - self.start_ms) / 1000),
            "createdAt": format_ms(self.created_ms),
            "updatedAt": format_ms(self.updated_ms),
        })
    }
}

/// Loads one entry by id.
pub fn entry_by_id(conn: &Connection, id: i64) -> Result<Option<Entry>> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM time_entries WHERE id = ?1");
    Ok(conn
        .query_row(&sql, params![id], Entry::from_row)
        .optional()?)
}

/// The running entry of a user, if any.
pub fn running_entry(conn: &Connection, user_id: i64) -> Result<Option<Entry>> {
    let sql =
        format!("SELECT {ENTRY_COLUMNS} FROM time_entries WHERE user_id = ?1 AND end_ms IS NULL");
    Ok(conn
        .query_row(&sql, params![user_id], Entry::from_row)
        .optional()?)
}

/// The organization of a user.
pub fn user_org(conn: &Connection, user_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT organization_id FROM users WHERE id = ?1",
            params![user_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Removes every row (used by the test reset) and restarts the id sequences.
pub fn wipe(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM sessions; DELETE FROM webhooks; DELETE FROM time_entries;
         DELETE FROM projects; DELETE FROM users; DELETE FROM organizations;
         DELETE FROM sqlite_sequence;",
    )?;
    Ok(())
}
