//! The assistants client of the openai-sdk workspace (filled in by its own issue).
