//! `POST /completions` (legacy text completions), streaming and not.
//!
//! Each prompt `p` gets `n` choices; choice `k` of prompt `p` has index `p * n + k` and text
//! ` Echo: <prompt>` (` Echo (choice k): <prompt>` for `k > 0`), preceded by the prompt itself
//! when `echo` is true. `max_tokens` (default 16, like the service) cuts the generated part and
//! sets `finish_reason: "length"`.

use serde_json::{Value, json};

use super::{
    Ctx, bool_field, content_filter_results, count_tokens, include_usage, int_field, invalid_type,
    max_tokens, missing, prompt_filter_results, sse, tokens, truncate,
};
use crate::api::ApiReply;

pub(super) fn create(ctx: &Ctx<'_>) -> Result<ApiReply, ApiReply> {
    let body = ctx.body()?;
    let model = ctx.model(&body)?;
    let prompts = prompts(body.get("prompt"))?;
    let n = int_field(&body, "n", 1, 1, 128)?;
    let echo = bool_field(&body, "echo")?;
    let stream = bool_field(&body, "stream")?;
    let include_usage = include_usage(&body, stream)?;
    let max = max_tokens(&body, &["max_tokens"])?.unwrap_or(16);

    let mut choices = Vec::new();
    let mut completion_tokens = 0;
    for prompt in &prompts {
        for k in 0..n {
            let generated = if k == 0 {
                format!(" Echo: {prompt}")
            } else {
                format!(" Echo (choice {k}): {prompt}")
            };
            let (generated, cut) = truncate(&generated, Some(max));
            completion_tokens += count_tokens(&generated);
            choices.push((
                prompt.clone(),
                generated,
                if cut { "length" } else { "stop" },
            ));
        }
    }
    let prompt_tokens = prompts.iter().map(|p| count_tokens(p)).sum::<u64>().max(1);
    let usage = json!({
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    });
    let id = format!("cmpl-mock{}", ctx.n);
    let azure = ctx.azure();
    let with_filter = |mut choice: Value, filtered: bool| {
        if azure {
            choice["content_filter_results"] = if filtered {
                content_filter_results()
            } else {
                json!({})
            };
        }
        choice
    };

    if !stream {
        let data: Vec<Value> = choices
            .iter()
            .enumerate()
            .map(|(index, (prompt, generated, finish))| {
                let text = if echo {
                    format!("{prompt}{generated}")
                } else {
                    generated.clone()
                };
                with_filter(
                    json!({"text": text, "index": index, "logprobs": null, "finish_reason": finish}),
                    true,
                )
            })
            .collect();
        let mut out = json!({
            "id": id,
            "object": "text_completion",
            "created": ctx.created(),
            "model": model,
            "choices": data,
            "usage": usage,
        });
        if azure {
            out["prompt_filter_results"] = prompt_filter_results(prompts.len());
        }
        return Ok(ApiReply::ok(out));
    }

    let chunk = |choice: Value| {
        json!({
            "id": id,
            "object": "text_completion",
            "created": ctx.created(),
            "choices": [choice],
            "model": model,
        })
    };
    let mut chunks = Vec::new();
    if azure {
        chunks.push(json!({
            "id": "",
            "object": "",
            "created": 0,
            "model": "",
            "prompt_filter_results": prompt_filter_results(prompts.len()),
            "choices": [],
        }));
    }
    for (index, (prompt, generated, finish)) in choices.iter().enumerate() {
        let piece = |text: &str, filtered: bool| {
            chunk(with_filter(
                json!({"text": text, "index": index, "logprobs": null, "finish_reason": null}),
                filtered,
            ))
        };
        if echo {
            chunks.push(piece(prompt, true));
        }
        for token in tokens(generated) {
            chunks.push(piece(token, true));
        }
        chunks.push(chunk(with_filter(
            json!({"text": "", "index": index, "logprobs": null, "finish_reason": finish}),
            false,
        )));
    }
    if include_usage {
        chunks.push(json!({
            "id": id,
            "object": "text_completion",
            "created": ctx.created(),
            "choices": [],
            "model": model,
            "usage": usage,
        }));
    }
    Ok(sse(chunks))
}

/// The prompt(s) as text: a string, strings, token ids or lists of token ids.
fn prompts(prompt: Option<&Value>) -> Result<Vec<String>, ApiReply> {
    let tokens_text = |ids: &[Value]| -> Option<String> {
        let ids: Option<Vec<String>> = ids
            .iter()
            .map(|t| t.as_u64().map(|t| t.to_string()))
            .collect();
        ids.map(|ids| format!("tokens[{}]", ids.join(",")))
    };
    match prompt {
        None | Some(Value::Null) => Err(missing("prompt")),
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(Value::Array(items)) if items.is_empty() => Err(super::invalid_value(
            "prompt",
            "Invalid 'prompt': empty array. Expected an array with minimum length 1.".into(),
        )),
        Some(Value::Array(items)) => {
            if items.iter().all(Value::is_string) {
                Ok(items
                    .iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect())
            } else if let Some(text) = tokens_text(items) {
                Ok(vec![text])
            } else {
                items
                    .iter()
                    .map(|item| {
                        item.as_array()
                            .and_then(|ids| tokens_text(ids))
                            .ok_or_else(|| {
                                invalid_type("prompt", "a string or an array of tokens", item)
                            })
                    })
                    .collect()
            }
        }
        Some(other) => Err(invalid_type("prompt", "a string or an array", other)),
    }
}
