//! Configuration from code and the environment and headers the
//! official SDKs never send by default.
//!
//! Environment tests run this binary again as a child process with the variables set:
//! `std::env::set_var` is `unsafe` in edition 2024 and the workspace forbids unsafe code.

use openai_mock::MockServer;
use openai_sdk::{Client, ErrorKind};

use crate::support::{MODES, assert_healthy};

const VARS: [&str; 8] = [
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
    "AZURE_OPENAI_ENDPOINT",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_AD_TOKEN",
    "OPENAI_API_VERSION",
];

/// Runs this test binary again with only `pairs` set among the SDK's variables, executing
/// the hidden `env_probe` test, which prints what `Client::from_env` built.
fn probe(pairs: &[(&str, &str)]) -> String {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = std::process::Command::new(exe);
    cmd.args([
        "--exact",
        "configuration::env_probe",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ]);
    for var in VARS {
        cmd.env_remove(var);
    }
    for (k, v) in pairs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    stdout
        .lines()
        .find_map(|l| l.split_once("PROBE: ").map(|(_, rest)| rest))
        .unwrap_or_else(|| {
            panic!(
                "no probe output: {stdout} {}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
        .to_owned()
}

/// Not a test of its own: the child side of [`probe`].
#[test]
#[ignore = "run by configuration::environment_variables in a child process"]
fn env_probe() {
    let credentials = match openai_sdk::ClientBuilder::from_env() {
        Ok(builder) => {
            let debug = format!("{builder:?}");
            let start = debug
                .find("credentials: ")
                .map_or(0, |i| i + "credentials: ".len());
            debug[start..]
                .split(']')
                .next()
                .unwrap_or_default()
                .to_owned()
                + "]"
        }
        Err(_) => "-".to_owned(),
    };
    let line = match Client::from_env() {
        Ok(client) => {
            let endpoint = client.http().endpoint();
            format!(
                "ok azure={} v1={} origin={} credentials={credentials}",
                endpoint.is_azure(),
                endpoint.is_azure_v1(),
                endpoint.origin()
            )
        }
        Err(err) => {
            let kind = match err.kind() {
                ErrorKind::InvalidRequest => "InvalidRequest",
                ErrorKind::Credential => "Credential",
                _ => "other",
            };
            format!("err {kind}: {err}")
        }
    };
    println!("PROBE: {line}");
}

/// Environment variables select the service and credential;
/// both base URL and Azure endpoint is an error; the AD token wins over the Azure key.
#[test]
fn environment_variables() {
    assert_eq!(
        probe(&[("OPENAI_API_KEY", "sk-env")]),
        "ok azure=false v1=false origin=https://api.openai.com credentials=[\"api_key\"]"
    );
    assert_eq!(
        probe(&[
            ("OPENAI_API_KEY", "sk-env"),
            ("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
        ]),
        "ok azure=false v1=false origin=http://127.0.0.1:9 credentials=[\"api_key\"]"
    );
    assert!(probe(&[]).starts_with("err InvalidRequest: invalid request: missing credentials"));
    assert_eq!(
        probe(&[
            ("AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com"),
            ("OPENAI_API_VERSION", "2024-10-21"),
            ("AZURE_OPENAI_API_KEY", "k"),
        ]),
        "ok azure=true v1=false origin=https://r.openai.azure.com credentials=[\"azure_api_key\"]"
    );
    let both = probe(&[
        ("AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com"),
        ("OPENAI_BASE_URL", "https://api.example/v1"),
        ("AZURE_OPENAI_API_KEY", "k"),
    ]);
    assert!(
        both.contains("both OPENAI_BASE_URL and AZURE_OPENAI_ENDPOINT are set"),
        "{both}"
    );
    let no_version = probe(&[
        ("AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com"),
        ("AZURE_OPENAI_API_KEY", "k"),
    ]);
    // Without OPENAI_API_VERSION, Azure means the v1 API.
    assert_eq!(
        no_version,
        "ok azure=true v1=true origin=https://r.openai.azure.com credentials=[\"azure_api_key\"]"
    );
    assert_eq!(
        probe(&[
            ("AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com"),
            ("OPENAI_API_VERSION", "2024-10-21"),
            ("AZURE_OPENAI_API_KEY", "k"),
            ("AZURE_OPENAI_AD_TOKEN", "t"),
        ]),
        "ok azure=true v1=false origin=https://r.openai.azure.com credentials=[\"azure_ad_token\"]"
    );
}

/// Environment mistakes are reported by name with the fix: a key variable set but empty (not
/// "missing"), an Azure key without its endpoint, api.openai.com without `/v1`, a route pasted
/// as the Azure endpoint.
#[test]
fn environment_mistakes_name_the_fix() {
    for blank in ["", "   "] {
        assert_eq!(
            probe(&[("OPENAI_API_KEY", blank)]),
            "err InvalidRequest: invalid request: OPENAI_API_KEY is set but empty: set it to \
             your key, or unset it"
        );
    }
    assert_eq!(
        probe(&[
            ("AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com"),
            ("AZURE_OPENAI_API_KEY", ""),
        ]),
        "err InvalidRequest: invalid request: AZURE_OPENAI_API_KEY is set but empty: set it to \
         your key, or unset it"
    );
    assert_eq!(
        probe(&[
            ("AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com"),
            ("AZURE_OPENAI_AD_TOKEN", " "),
            ("AZURE_OPENAI_API_KEY", "k"),
        ]),
        "err InvalidRequest: invalid request: AZURE_OPENAI_AD_TOKEN is set but empty: set it to \
         your key, or unset it"
    );
    // Not consulted for Azure: an empty OPENAI_API_KEY is left alone.
    assert!(
        probe(&[
            ("AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com"),
            ("AZURE_OPENAI_API_KEY", "k"),
            ("OPENAI_API_KEY", ""),
        ])
        .starts_with("ok azure=true")
    );
    assert_eq!(
        probe(&[("AZURE_OPENAI_API_KEY", "k")]),
        "err InvalidRequest: invalid request: AZURE_OPENAI_API_KEY is set but \
         AZURE_OPENAI_ENDPOINT is not: set AZURE_OPENAI_ENDPOINT to your resource URL \
         (https://<resource>.openai.azure.com) to use Azure OpenAI, or OPENAI_API_KEY for OpenAI"
    );
    assert_eq!(
        probe(&[
            ("OPENAI_API_KEY", "sk-env"),
            ("OPENAI_BASE_URL", "https://api.openai.com/")
        ]),
        "err InvalidRequest: invalid request: the base URL https://api.openai.com lacks the API \
         version path: use https://api.openai.com/v1"
    );
    let pasted = probe(&[
        (
            "AZURE_OPENAI_ENDPOINT",
            "https://r.openai.azure.com/openai/deployments/gpt-4o/chat/completions",
        ),
        ("AZURE_OPENAI_API_KEY", "k"),
    ]);
    assert!(
        pasted.contains("not a route: remove `/openai/deployments/gpt-4o/chat/completions`"),
        "{pasted}"
    );
}

/// A resource key given through `api_key` on an Azure endpoint goes out as `api-key`, the way
/// Azure reads it, never as Bearer.
#[tokio::test]
async fn resource_key_through_api_key_is_sent_as_api_key_on_azure() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .azure_endpoint(server.azure_endpoint())
        .api_version(crate::support::AZURE_API_VERSION)
        .api_key("0123abcd")
        .build()
        .unwrap();
    assert_healthy(&client, crate::support::Mode::Azure).await;
    let sent = server.requests();
    assert_eq!(sent[0].header("api-key"), Some("<present>"));
    assert_eq!(sent[0].header("authorization"), None);
}

/// An AD token is sent as Bearer, with no `api-key` beside it.
#[tokio::test]
async fn ad_token_wins_over_api_key() {
    let server = MockServer::start().await;
    let builder = Client::builder()
        .azure_endpoint(server.azure_endpoint())
        .api_version(crate::support::AZURE_API_VERSION);
    let client = builder.azure_ad_token("ad-token").build().unwrap();
    assert_healthy(&client, crate::support::Mode::Azure).await;
    let sent = server.requests();
    assert_eq!(sent[0].header("authorization"), Some("<present>"));
    assert_eq!(sent[0].header("api-key"), None);
}

/// No `Idempotency-Key` is sent,
/// on first attempts or retries, matching the official SDKs' wire behavior.
#[tokio::test(start_paused = true)]
async fn no_idempotency_key_is_sent() {
    for mode in MODES {
        let server = MockServer::start().await;
        let client = mode.client(&server);
        server
            .on("POST", &mode.chat_path())
            .respond_seq([openai_mock::Reply::error(500, "server_error", None, "x")]);
        assert_healthy(&client, mode).await;
        let sent = server.requests();
        assert_eq!(sent.len(), 2);
        for r in &sent {
            assert_eq!(r.header("idempotency-key"), None, "{mode:?}");
        }
        assert_eq!(sent[1].header("x-stainless-retry-count"), Some("1"));
    }
}
