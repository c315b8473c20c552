"""A fake MiniMax server for tests and benchmarks (``server.FakeMiniMax``) and its pytest fixture
(``fixture.fake_minimax``). Test code only; the studio never imports it."""
