//! openai-sdk facade (filled in by its own issue).
