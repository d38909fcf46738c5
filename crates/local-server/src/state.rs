//! The shared state behind every handler: the database, the configuration and the
//! background webhook dispatcher.

use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;

use crate::config::{Config, Overlap};
use crate::error::{Error, Result};
use crate::test_hooks::TestState;
use crate::webhooks::Dispatcher;
use crate::{db, seed, webhooks};

/// Cheap to clone; everything lives behind one `Arc`.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    db: Mutex<Connection>,
    config: Config,
    overlap: Mutex<Overlap>,
    webhooks: Dispatcher,
    test: TestState,
    demo_hash: Mutex<Option<String>>,
}

impl AppState {
    /// Opens and migrates the database, seeds the demo data when asked (and the database is
    /// empty), registers `--webhook` and starts the webhook task. Call inside a tokio runtime.
    pub fn new(config: Config) -> Result<Self> {
        let conn = db::open(&config.db)?;
        let state = Self {
            inner: Arc::new(Inner {
                db: Mutex::new(conn),
                overlap: Mutex::new(config.overlap),
                webhooks: Dispatcher::start(config.webhook_secret.clone()),
                test: TestState::default(),
                demo_hash: Mutex::new(None),
                config,
            }),
        };
        if state.config().seed_demo {
            let mut conn = state.db()?;
            if seed::is_empty(&conn)? {
                let hash = state.demo_hash()?;
                seed::seed_demo(&mut conn, &hash)?;
            }
        }
        state.register_flag_webhook()?;
        Ok(state)
    }

    /// The database connection, locked. Never hold it across an `.await`.
    pub fn db(&self) -> Result<MutexGuard<'_, Connection>> {
        self.inner
            .db
            .lock()
            .map_err(|_| Error::internal("database mutex poisoned"))
    }

    /// The start-up configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The current overlap policy (changeable through the test hooks).
    pub fn overlap(&self) -> Overlap {
        self.inner
            .overlap
            .lock()
            .map(|o| *o)
            .unwrap_or(self.inner.config.overlap)
    }

    /// Changes the overlap policy.
    pub fn set_overlap(&self, overlap: Overlap) {
        if let Ok(mut o) = self.inner.overlap.lock() {
            *o = overlap;
        }
    }

    pub(crate) fn webhooks(&self) -> &Dispatcher {
        &self.inner.webhooks
    }

    pub(crate) fn test(&self) -> &TestState {
        &self.inner.test
    }

    /// Wipes the database and seeds the demo data again (test hooks).
    pub fn reset_demo(&self) -> Result<()> {
        let hash = self.demo_hash()?;
        {
            let mut conn = self.db()?;
            db::wipe(&conn)?;
            seed::seed_demo(&mut conn, &hash)?;
        }
        self.set_overlap(self.inner.config.overlap);
        self.register_flag_webhook()
    }

    /// The argon2 hash of the demo password, computed once.
    fn demo_hash(&self) -> Result<String> {
        let mut cached = self
            .inner
            .demo_hash
            .lock()
            .map_err(|_| Error::internal("hash mutex poisoned"))?;
        if let Some(h) = cached.as_ref() {
            return Ok(h.clone());
        }
        let h = seed::hash_password(seed::DEMO_PASSWORD)?;
        *cached = Some(h.clone());
        Ok(h)
    }

    /// Registers `--webhook` for the demo organization (id 1) if that organization exists.
    fn register_flag_webhook(&self) -> Result<()> {
        if let Some(url) = &self.inner.config.webhook_url {
            let conn = self.db()?;
            webhooks::ensure_registered(&conn, 1, url)?;
        }
        Ok(())
    }
}
