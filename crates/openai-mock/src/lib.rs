//! Loopback mock of the OpenAI and Azure OpenAI services (being built; see issue 4).

mod api;
