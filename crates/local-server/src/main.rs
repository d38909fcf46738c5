//! `perminut-local`: serves the Perminut API on loopback. See the library doc and `--help`.

use std::io::Write;
use std::process::ExitCode;

use perminut_local::{AppState, Config, server};
use rand::RngCore;

#[tokio::main]
async fn main() -> ExitCode {
    let mut config = match Config::parse(std::env::args().skip(1), |k| std::env::var(k).ok()) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("perminut-local: {msg}");
            return ExitCode::from(2);
        }
    };
    if config.tls.is_some() {
        eprintln!(
            "perminut-local: TLS is not built in (it would add rustls to the build). \
             Serve plain HTTP on loopback and put a TLS reverse proxy in front, e.g. \
             `caddy reverse-proxy --from localhost:8443 --to {}`.",
            config.addr
        );
        return ExitCode::from(2);
    }
    if config.webhook_secret.is_empty() {
        let mut key = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut key);
        config.webhook_secret = key.iter().map(|b| format!("{b:02x}")).collect();
        eprintln!(
            "perminut-local: no --webhook-secret; signing webhooks with {}",
            config.webhook_secret
        );
    }
    let listener = match tokio::net::TcpListener::bind(config.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("perminut-local: cannot listen on {}: {e}", config.addr);
            return ExitCode::FAILURE;
        }
    };
    let state = match AppState::new(config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("perminut-local: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(addr) => println!("perminut-local listening on http://{addr}"),
        Err(e) => eprintln!("perminut-local: {e}"),
    }
    let _ = std::io::stdout().flush();
    match server::serve(listener, state, server::shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("perminut-local: {e}");
            ExitCode::FAILURE
        }
    }
}
