"""A protocol-faithful fake OpenAI-compatible chat server for tests (``server``) and its pytest fixture
(``fixture``)."""
