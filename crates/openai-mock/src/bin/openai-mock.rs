//! `openai-mock serve [--port N] [--tls] [--cert-out PATH] [--openai-api-key K] [--azure-api-key K]`
//!
//! Runs the loopback mock until Ctrl-C, for tools that are not Rust tests (benchmarks, other
//! languages' SDKs). Prints the OpenAI base URL and the Azure endpoint on stdout.

use std::process::ExitCode;

use openai_mock::MockServer;

const USAGE: &str = "\
usage: openai-mock serve [--port N] [--tls] [--cert-out PATH]
                         [--openai-api-key KEY] [--azure-api-key KEY] [--no-api-version-check]

Serves a mock OpenAI / Azure OpenAI API on 127.0.0.1 until Ctrl-C.
  --port N                 port to bind (default: an ephemeral port)
  --tls                    serve HTTPS with a fresh self-signed certificate (h2 + http/1.1)
  --cert-out PATH          with --tls, write the certificate (PEM) to PATH
  --openai-api-key KEY     accept only this bearer token on OpenAI routes
  --azure-api-key KEY      accept only this api-key on Azure routes
  --no-api-version-check   do not require api-version on Azure dated routes";

#[derive(Debug, Default)]
struct Args {
    port: u16,
    tls: bool,
    cert_out: Option<String>,
    openai_api_key: Option<String>,
    azure_api_key: Option<String>,
    no_api_version_check: bool,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    match args.next().as_deref() {
        Some("serve") => {}
        Some("-h" | "--help") | None => return Err(String::new()),
        Some(other) => return Err(format!("unknown command '{other}'")),
    }
    let mut parsed = Args::default();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--port" => {
                let v = value("--port")?;
                parsed.port = v.parse().map_err(|_| format!("invalid port '{v}'"))?;
            }
            "--tls" => parsed.tls = true,
            "--cert-out" => parsed.cert_out = Some(value("--cert-out")?),
            "--openai-api-key" => parsed.openai_api_key = Some(value("--openai-api-key")?),
            "--azure-api-key" => parsed.azure_api_key = Some(value("--azure-api-key")?),
            "--no-api-version-check" => parsed.no_api_version_check = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown option '{other}'")),
        }
    }
    if parsed.cert_out.is_some() && !parsed.tls {
        return Err("--cert-out needs --tls".into());
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("openai-mock: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("openai-mock: cannot start a runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(serve(args))
}

async fn serve(args: Args) -> ExitCode {
    let mut builder = MockServer::builder()
        .port(args.port)
        .tls(args.tls)
        .require_api_version(!args.no_api_version_check);
    if let Some(key) = args.openai_api_key {
        builder = builder.openai_api_key(key);
    }
    if let Some(key) = args.azure_api_key {
        builder = builder.azure_api_key(key);
    }
    let server = match builder.try_start().await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("openai-mock: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let (Some(path), Some(pem)) = (&args.cert_out, server.tls_certificate_pem()) {
        if let Err(e) = std::fs::write(path, pem) {
            eprintln!("openai-mock: cannot write {path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    println!("OPENAI_BASE_URL={}", server.base_url());
    println!("AZURE_OPENAI_ENDPOINT={}", server.azure_endpoint());
    if tokio::signal::ctrl_c().await.is_err() {
        eprintln!("openai-mock: cannot listen for Ctrl-C; stopping");
        return ExitCode::FAILURE;
    }
    drop(server);
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Args, String> {
        parse(list.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn parses_serve_options() {
        let a = args(&["serve", "--port", "8080", "--tls", "--cert-out", "c.pem"]).unwrap();
        assert_eq!(
            (a.port, a.tls, a.cert_out.as_deref()),
            (8080, true, Some("c.pem"))
        );
        assert!(args(&["serve", "--port"]).is_err());
        assert!(args(&["serve", "--port", "x"]).is_err());
        assert!(args(&["serve", "--cert-out", "c.pem"]).is_err());
        assert!(args(&["serve", "--bogus"]).is_err());
        assert!(args(&["run"]).is_err());
        assert_eq!(args(&[]).unwrap_err(), "");
    }
}
