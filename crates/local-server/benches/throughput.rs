//! Throughput benchmark (not a test): starts the server on an ephemeral loopback port and
//! measures requests per second and p99 latency for `GET /api/time-entries` and for a
//! `POST /api/time-entries` + `PUT /api/time-entries/:id/stop` pair, with a few concurrent
//! reqwest clients for about three seconds each. Run: `cargo bench -p perminut-local`.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use perminut_local::server;
use perminut_local::{Config, Overlap};
use serde_json::json;

const CLIENTS: usize = 4;
const RUN: Duration = Duration::from_secs(3);

async fn login(base: &str, email: &str) -> reqwest::Client {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let r = c
        .post(format!("{base}/login"))
        .json(&json!({"email": email, "password": "perminut-demo"}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    c
}

/// Prints requests per second (`per_op` requests per latency sample) and the latency
/// percentiles of one sample (one request, or one POST + PUT pair).
fn report(name: &str, per_op: u32, mut lat: Vec<Duration>, elapsed: Duration) {
    lat.sort_unstable();
    let p = |q: f64| lat[((lat.len() as f64 * q) as usize).min(lat.len() - 1)];
    println!(
        "{name:<32} {:>8.0} req/s   p50 {:>6.2} ms   p99 {:>6.2} ms   ({} samples, {CLIENTS} clients)",
        (lat.len() * per_op as usize) as f64 / elapsed.as_secs_f64(),
        p(0.50).as_secs_f64() * 1e3,
        p(0.99).as_secs_f64() * 1e3,
        lat.len()
    );
}

/// Runs `op` (which sends `per_op` requests) in a loop on each client until `RUN` has passed.
async fn run<F, Fut>(name: &str, clients: &[reqwest::Client], per_op: u32, op: F)
where
    F: Fn(reqwest::Client) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let start = Instant::now();
    let tasks: Vec<_> = clients
        .iter()
        .cloned()
        .map(|c| {
            let op = op.clone();
            tokio::spawn(async move {
                let mut lat = Vec::new();
                while start.elapsed() < RUN {
                    let t = Instant::now();
                    op(c.clone()).await;
                    lat.push(t.elapsed());
                }
                lat
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    report(name, per_op, all, start.elapsed());
}

#[tokio::main]
async fn main() {
    let config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        db: ":memory:".into(),
        seed_demo: true,
        overlap: Overlap::Stop,
        ..Config::default()
    };
    let s = server::start(config).await.unwrap();
    let base = s.url();
    // One user per client so that each has its own running timer; all in organization 1.
    {
        let conn = s.state.db().unwrap();
        for email in ["dan@example.com", "eve@example.com"] {
            conn.execute(
                "INSERT INTO users (organization_id, email, name, role, password_hash)
                 SELECT 1, ?1, 'Bench user', 'member', password_hash FROM users WHERE id = 1",
                [email],
            )
            .unwrap();
        }
    }
    let users = [
        "ada@example.com",
        "bob@example.com",
        "dan@example.com",
        "eve@example.com",
    ];
    let mut clients = Vec::new();
    for u in users.iter().take(CLIENTS) {
        clients.push(login(&base, u).await);
    }
    let b = base.clone();
    run("GET /api/time-entries", &clients, 1, move |c| {
        let url = format!("{b}/api/time-entries");
        async move {
            let r = c.get(url).send().await.unwrap();
            assert!(r.status().is_success());
            r.bytes().await.unwrap();
        }
    })
    .await;
    let b = base.clone();
    run(
        "POST + PUT stop (latency per pair)",
        &clients,
        2,
        move |c| {
            let b = b.clone();
            async move {
                let r = c
                    .post(format!("{b}/api/time-entries"))
                    .json(&json!({"projectId": 1, "description": "bench"}))
                    .send()
                    .await
                    .unwrap();
                let e: serde_json::Value = r.json().await.unwrap();
                let id = e["id"].as_i64().unwrap();
                let r = c
                    .put(format!("{b}/api/time-entries/{id}/stop"))
                    .send()
                    .await
                    .unwrap();
                r.bytes().await.unwrap();
            }
        },
    )
    .await;
    s.stop().await.unwrap();
}
