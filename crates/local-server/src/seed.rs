//! Demo data: two organizations, three users, a dozen projects and a week of entries.
//!
//! The demo password is hashed once (argon2 is deliberately slow) and the hash reused for every
//! demo user and for every test reset.

use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use chrono::Duration;
use rusqlite::{Connection, params};

use crate::error::{Error, Result};
use crate::time::{now_ms, today_utc, utc_midnight_ms};

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "perminut-demo";

/// Demo users: email, name, role, organization id.
pub const DEMO_USERS: &[(&str, &str, &str, i64)] = &[
    ("ada@example.com", "Ada Lovelace", "admin", 1),
    ("bob@example.com", "Bob Babbage", "member", 1),
    ("cem@example.com", "Cem Yilmaz", "member", 2),
];

const ORG1_PROJECTS: &[&str] = &[
    "Analytical Engine",
    "Client onboarding",
    "Design system",
    "Documentation",
    "Internal tools",
    "Marketing site",
    "Mobile app",
    "Open source",
    "Research",
    "Support",
    "Website",
];
const ORG2_PROJECTS: &[&str] = &["Bridge survey", "Ferry timetable"];
const COLORS: &[&str] = &[
    "#4f46e5", "#0891b2", "#16a34a", "#ca8a04", "#dc2626", "#9333ea", "#db2777",
];

/// Hashes a password with argon2id and a fresh salt.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(Error::internal)
}

/// True when the database has no organization yet.
pub fn is_empty(conn: &Connection) -> Result<bool> {
    let n: i64 = conn.query_row("SELECT COUNT(*) FROM organizations", [], |r| r.get(0))?;
    Ok(n == 0)
}

/// Inserts the demo data (into an empty database) using `password_hash` for every user.
pub fn seed_demo(conn: &mut Connection, password_hash: &str) -> Result<()> {
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO organizations (id, name) VALUES (1, 'Analytical Engines'), (2, 'Bosporus Labs')",
        [],
    )?;
    for (email, name, role, org) in DEMO_USERS {
        tx.execute(
            "INSERT INTO users (organization_id, email, name, role, password_hash)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![org, email, name, role, password_hash],
        )?;
    }
    let project = |org: i64, name: &str, archived: bool| -> Result<i64> {
        let color = COLORS[name.len() % COLORS.len()];
        tx.execute(
            "INSERT INTO projects (organization_id, name, color, archived) VALUES (?1, ?2, ?3, ?4)",
            params![org, name, color, archived],
        )?;
        Ok(tx.last_insert_rowid())
    };
    let mut org1 = Vec::new();
    for name in ORG1_PROJECTS {
        org1.push(project(1, name, false)?);
    }
    project(1, "Archived project", true)?;
    for name in ORG2_PROJECTS {
        project(2, name, false)?;
    }
    seed_entries(&tx, &org1)?;
    tx.commit()?;
    Ok(())
}

/// A week of entries for ada (user 1) and bob (user 2), all ended before now, one of them across
/// midnight.
fn seed_entries(conn: &Connection, projects: &[i64]) -> Result<()> {
    let today = utc_midnight_ms(today_utc());
    let hour = Duration::hours(1).num_milliseconds();
    let now = now_ms();
    let insert = |user: i64, project: i64, text: &str, start: i64, end: i64| {
        conn.execute(
            "INSERT INTO time_entries
             (user_id, project_id, description, start_ms, end_ms, created_ms, updated_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![user, project, text, start, end, now],
        )
    };
    for day in (1..=7_i64).rev() {
        let midnight = today - day * 24 * hour;
        for user in [1_i64, 2] {
            let p = |i: i64| projects[((day + user + i) as usize) % projects.len()];
            let am = midnight + 8 * hour + user * hour / 2;
            insert(user, p(0), "Morning work", am, am + 2 * hour + hour / 2)?;
            insert(
                user,
                p(1),
                "Afternoon work",
                midnight + 13 * hour,
                midnight + 16 * hour,
            )?;
        }
    }
    // Across midnight (UTC and Central European): 22:30 three days ago to 00:45 two days ago.
    let late = today - 3 * 24 * hour + 22 * hour + hour / 2;
    insert(
        1,
        projects[0],
        "Late night debugging",
        late,
        late + 2 * hour + hour / 4,
    )?;
    Ok(())
}
