//! The API base address, validated before any request is made.
//!
//! Only `https://` is accepted, except plain `http://` for the loopback hosts `127.0.0.1`,
//! `localhost` and `[::1]` (the local development server). Addresses with user info, a
//! query or a fragment are refused. Parsed by hand: the rules are few and the `url` crate
//! would add size to two wasm modules for no gain.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::ApiError;

/// A validated, normalized API base such as `https://api.perminut.com` (no trailing slash).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ApiBase {
    /// `https` or `http`.
    scheme: &'static str,
    /// Lowercase host; IPv6 literals keep their brackets.
    host: String,
    /// An explicit, non-default port.
    port: Option<u16>,
    /// A path prefix without a trailing slash (often empty).
    path: String,
}

/// Hosts for which plain `http://` is allowed.
const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

impl ApiBase {
    /// Validates and normalizes an address; anything not allowed is
    /// [`ApiError::InsecureBaseUrl`].
    pub fn parse(input: &str) -> Result<ApiBase, ApiError> {
        parse_parts(input.trim()).ok_or_else(|| ApiError::InsecureBaseUrl {
            url: input.to_owned(),
        })
    }

    /// The full URL for a path such as `/api/projects?limit=50`.
    pub fn endpoint(&self, path_and_query: &str) -> String {
        let sep = if path_and_query.starts_with('/') {
            ""
        } else {
            "/"
        };
        format!("{self}{sep}{path_and_query}")
    }

    /// Where the user logs in: base + `/login`.
    pub fn login_url(&self) -> String {
        self.endpoint("/login")
    }

    /// `scheme://host[:port]`, without any path.
    pub fn origin(&self) -> String {
        match self.port {
            Some(port) => format!("{}://{}:{port}", self.scheme, self.host),
            None => format!("{}://{}", self.scheme, self.host),
        }
    }

    /// The extension host permission for this API: `scheme://host/*`, without the port,
    /// because Firefox ignores permission patterns that contain one.
    pub fn host_permission_pattern(&self) -> String {
        format!("{}://{}/*", self.scheme, self.host)
    }

    /// Whether this is a loopback address (the local development server).
    pub fn is_loopback(&self) -> bool {
        LOOPBACK_HOSTS.contains(&self.host.as_str())
    }
}

/// Splits and checks an address; `None` for anything not allowed.
fn parse_parts(input: &str) -> Option<ApiBase> {
    let (scheme, rest) = input.split_once("://")?;
    let scheme = match scheme.to_ascii_lowercase().as_str() {
        "https" => "https",
        "http" => "http",
        _ => return None,
    };
    if rest.contains(['?', '#', '@', '\\']) || rest.chars().any(|c| c.is_whitespace()) {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let (host, port) = split_host_port(authority)?;
    let port = port.filter(|&p| !(scheme == "https" && p == 443 || scheme == "http" && p == 80));
    if scheme == "http" && !LOOPBACK_HOSTS.contains(&host.as_str()) {
        return None;
    }
    let path = path.trim_end_matches('/');
    if path
        .split('/')
        .any(|segment| segment == "." || segment == "..")
        || !path.chars().all(|c| c.is_ascii_graphic())
    {
        return None;
    }
    Some(ApiBase {
        scheme,
        host,
        port,
        path: path.to_owned(),
    })
}

/// Splits `host[:port]` or `[v6]:port`, validating both; the host comes back lowercase.
fn split_host_port(authority: &str) -> Option<(String, Option<u16>)> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (inner, after) = v6.split_once(']')?;
        if inner.is_empty()
            || !inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return None;
        }
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        (format!("[{}]", inner.to_ascii_lowercase()), port)
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let valid_label = |label: &str| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        let host = host.strip_suffix('.').unwrap_or(host);
        if host.is_empty() || host.len() > 253 || !host.split('.').all(valid_label) {
            return None;
        }
        (host.to_ascii_lowercase(), port)
    };
    let port = match port {
        None => None,
        Some(digits) => {
            if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            Some(digits.parse::<u16>().ok().filter(|&p| p != 0)?)
        }
    };
    Some((host, port))
}

impl fmt::Display for ApiBase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.origin(), self.path)
    }
}

impl std::str::FromStr for ApiBase {
    type Err = ApiError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ApiBase::parse(s)
    }
}

impl Serialize for ApiBase {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ApiBase {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ApiBase::parse(&text).map_err(serde::de::Error::custom)
    }
}
