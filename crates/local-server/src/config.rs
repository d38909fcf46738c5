//! Configuration from command-line flags and environment variables.
//!
//! Flags win over the environment. Parsing is by hand: a dozen flags do not justify `clap`'s
//! compile time on a two-core machine.

use std::net::SocketAddr;
use std::path::PathBuf;

/// What `POST /api/time-entries` does when a timer is already running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlap {
    /// Stop the running timer at the new entry's start time (default).
    Stop,
    /// Refuse with `409 Conflict`.
    Reject,
}

impl Overlap {
    /// Parses `stop` or `reject`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "stop" => Some(Self::Stop),
            "reject" => Some(Self::Reject),
            _ => None,
        }
    }
}

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on (`--addr`, `PERMINUT_ADDR`; default `127.0.0.1:8787`).
    pub addr: SocketAddr,
    /// SQLite file or `:memory:` (`--db`, `PERMINUT_DB`; default `data/perminut.sqlite`).
    pub db: String,
    /// Seed demo data into an empty database (`--seed-demo`, `PERMINUT_SEED_DEMO=1`).
    pub seed_demo: bool,
    /// HMAC key for webhook signatures (`--webhook-secret`, `PERMINUT_WEBHOOK_SECRET`).
    pub webhook_secret: String,
    /// A webhook URL registered for the demo organization (`--webhook`, `PERMINUT_WEBHOOK`).
    pub webhook_url: Option<String>,
    /// `--tls-cert`/`--tls-key`: accepted but refused at start (TLS is not built in).
    pub tls: Option<(PathBuf, PathBuf)>,
    /// Mount `/__test/*` and allow loopback CORS (`--test-hooks`, `PERMINUT_TEST_HOOKS=1`).
    pub test_hooks: bool,
    /// Overlap policy (`--overlap stop|reject`, `PERMINUT_OVERLAP`).
    pub overlap: Overlap,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8787)),
            db: "data/perminut.sqlite".into(),
            seed_demo: false,
            webhook_secret: String::new(),
            webhook_url: None,
            tls: None,
            test_hooks: false,
            overlap: Overlap::Stop,
        }
    }
}

/// Usage text for `--help` and errors.
pub const USAGE: &str =
    "usage: perminut-local [--addr HOST:PORT] [--db PATH|:memory:] [--seed-demo]
       [--webhook URL] [--webhook-secret SECRET] [--overlap stop|reject] [--test-hooks]
       [--tls-cert FILE --tls-key FILE]
environment: PERMINUT_ADDR, PERMINUT_DB, PERMINUT_SEED_DEMO=1, PERMINUT_WEBHOOK,
       PERMINUT_WEBHOOK_SECRET, PERMINUT_OVERLAP, PERMINUT_TEST_HOOKS=1";

impl Config {
    /// Builds the configuration from `args` (without the program name) and a variable lookup.
    pub fn parse(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, String> {
        let mut c = Config::default();
        let flag = |name: &str| env(name).is_some_and(|v| matches!(v.as_str(), "1" | "true"));
        if let Some(v) = env("PERMINUT_ADDR") {
            c.addr = parse_addr(&v)?;
        }
        if let Some(v) = env("PERMINUT_DB") {
            c.db = v;
        }
        c.seed_demo = flag("PERMINUT_SEED_DEMO");
        c.test_hooks = flag("PERMINUT_TEST_HOOKS");
        c.webhook_url = env("PERMINUT_WEBHOOK");
        if let Some(v) = env("PERMINUT_WEBHOOK_SECRET") {
            c.webhook_secret = v;
        }
        if let Some(v) = env("PERMINUT_OVERLAP") {
            c.overlap = parse_overlap(&v)?;
        }
        let (mut cert, mut key) = (None, None);
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
                _ => (arg.clone(), None),
            };
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| args.next())
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match name.as_str() {
                "--addr" => c.addr = parse_addr(&value()?)?,
                "--db" => c.db = value()?,
                "--seed-demo" => c.seed_demo = true,
                "--test-hooks" => c.test_hooks = true,
                "--webhook" => c.webhook_url = Some(value()?),
                "--webhook-secret" => c.webhook_secret = value()?,
                "--overlap" => c.overlap = parse_overlap(&value()?)?,
                "--tls-cert" => cert = Some(PathBuf::from(value()?)),
                "--tls-key" => key = Some(PathBuf::from(value()?)),
                "-h" | "--help" => return Err(USAGE.into()),
                other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
            }
        }
        c.tls = match (cert, key) {
            (Some(cert), Some(key)) => Some((cert, key)),
            (None, None) => None,
            _ => return Err("--tls-cert and --tls-key go together".into()),
        };
        Ok(c)
    }
}

fn parse_addr(v: &str) -> Result<SocketAddr, String> {
    v.parse()
        .map_err(|_| format!("--addr: {v:?} is not HOST:PORT (e.g. 127.0.0.1:8787)"))
}

fn parse_overlap(v: &str) -> Result<Overlap, String> {
    Overlap::parse(v).ok_or_else(|| format!("--overlap: {v:?} is neither stop nor reject"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_override_environment() {
        let env = |k: &str| (k == "PERMINUT_DB").then(|| "env.sqlite".to_string());
        let c = Config::parse(args(&["--addr=127.0.0.1:0", "--overlap", "reject"]), env).unwrap();
        assert_eq!(c.addr.port(), 0);
        assert_eq!(c.db, "env.sqlite");
        assert_eq!(c.overlap, Overlap::Reject);
        let c = Config::parse(args(&["--db", ":memory:", "--test-hooks"]), env).unwrap();
        assert_eq!(c.db, ":memory:");
        assert!(c.test_hooks);
        assert!(Config::parse(args(&["--bogus"]), |_| None).is_err());
        assert!(Config::parse(args(&["--tls-cert", "a"]), |_| None).is_err());
    }
}
