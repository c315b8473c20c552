"""Which chat model the writing room talks to, and the one sentence it says when there is none.

``resolve_endpoint`` reads the settings: an OpenAI-compatible base URL (``llm_base_url``; a local
server such as llama.cpp, Ollama, LM Studio or vLLM) wins; otherwise the MiniMax host and key (the
``minimax_*`` settings, ``MINIMAX_API_KEY`` or the keyring) with the ``minimax_text_model`` model. With
neither it raises ``NeedsChatModel`` ("Generating needs a chat model: add a MiniMax key in Settings or
set an OpenAI-compatible base URL."). For a custom base URL the key is ``TROUPE_LLM_API_KEY`` (none is
sent when it is unset) and the model ``TROUPE_LLM_MODEL``, else the first model the server lists at
``/v1/models`` (``pick_model``).

``ChatEndpoint.json_schema`` says whether to ask for ``response_format: json_schema`` first: yes for a
custom server (a server that refuses it is asked again for plain JSON, see ``studio.writing.ask``), and on
MiniMax only for ``MiniMax-Text-01`` (MiniMax documents structured output for that model alone).
Nothing here writes settings or keys.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import httpx

from studio.engines.llm import ChatClient
from studio.engines.minimax.client import RetryPolicy
from studio.engines.minimax.config import Secret, load_api_key, load_settings, resolve_host
from studio.engines.minimax.errors import MiniMaxError
from studio.writing.errors import NeedsChatModel, WritingError

ENV_LLM_KEY = "TROUPE_LLM_API_KEY"
ENV_LLM_MODEL = "TROUPE_LLM_MODEL"
#: MiniMax text models with ``response_format: json_schema``.
MINIMAX_SCHEMA_MODELS = frozenset({"MiniMax-Text-01"})


@dataclass(frozen=True)
class ChatEndpoint:
    base_url: str
    model: str  # "" for a custom server whose model is picked from its list (``pick_model``)
    api_key: Secret | None = None
    minimax: bool = False

    @property
    def json_schema(self) -> bool:
        return self.model in MINIMAX_SCHEMA_MODELS if self.minimax else True

    @property
    def label(self) -> str:
        return f"MiniMax {self.model}" if self.minimax else f"{self.model or 'the chat model'} at {self.base_url}"

    def client(self, *, http: httpx.AsyncClient | None = None, retry: RetryPolicy | None = None,
               timeout: float = 180.0) -> ChatClient:
        """A client for this endpoint (close it with ``aclose``)."""
        return ChatClient(self.base_url, api_key=self.api_key, model=self.model, client=http, retry=retry,
                          timeout=timeout)


def _settings_value(settings: Any, name: str) -> str:
    if settings is None:
        from studio.settings import Settings

        settings = Settings()
    try:
        return str(settings.get(name) or "").strip()
    except KeyError:
        return ""


def resolve_endpoint(settings: Any = None, *, what: str = "Generating", base_url: str | None = None,
                     model: str | None = None, api_key: str | None = None) -> ChatEndpoint:
    """The chat endpoint the settings name (``settings``: a ``studio.settings.Settings``, default the
    user's), or ``NeedsChatModel`` saying "``what`` needs a chat model: ...". Explicit arguments win."""
    url = (base_url or "").strip() or _settings_value(settings, "llm_base_url")
    if url:
        key = (api_key or os.environ.get(ENV_LLM_KEY, "")).strip()
        chosen = (model or os.environ.get(ENV_LLM_MODEL, "")).strip()
        if "://" not in url:
            url = "http://" + url if url.startswith(("127.0.0.1", "localhost")) else "https://" + url
        return ChatEndpoint(url.rstrip("/"), chosen, Secret(key) if key else None, minimax="minimax" in url)
    try:
        secret = load_api_key(api_key)
    except MiniMaxError:
        raise NeedsChatModel(what) from None
    try:
        host = resolve_host(None, load_settings())
    except MiniMaxError as exc:
        raise WritingError(str(exc)) from None
    chosen = (model or "").strip() or _settings_value(settings, "minimax_text_model") or "MiniMax-M2.7"
    return ChatEndpoint(host, chosen, secret, minimax=True)


def chat_configured(settings: Any = None) -> bool:
    """Whether a chat model can be reached without asking the user for anything."""
    try:
        resolve_endpoint(settings)
    except WritingError:
        return False
    return True


async def pick_model(endpoint: ChatEndpoint, *, http: httpx.AsyncClient | None = None) -> ChatEndpoint:
    """``endpoint`` with a model: its own, else the first one its server lists at ``/v1/models``."""
    if endpoint.model:
        return endpoint
    base = endpoint.base_url.rstrip("/")
    url = (base if base.endswith("/v1") else base + "/v1") + "/models"
    headers = {"Authorization": f"Bearer {endpoint.api_key.reveal()}"} if endpoint.api_key else {}
    own = http is None
    client = http or httpx.AsyncClient(timeout=httpx.Timeout(15.0, connect=5.0))
    try:
        response = await client.get(url, headers=headers)
        data = response.json() if response.status_code < 400 else {}
    except (httpx.HTTPError, ValueError):
        data = {}
    finally:
        if own:
            await client.aclose()
    models = [m.get("id") for m in (data.get("data") or []) if isinstance(m, dict) and m.get("id")]
    if not models:
        raise WritingError(f"The chat server at {endpoint.base_url} lists no model; set {ENV_LLM_MODEL} to the "
                           "model to use.")
    return ChatEndpoint(endpoint.base_url, str(models[0]), endpoint.api_key, endpoint.minimax)


__all__ = ["ChatEndpoint", "ENV_LLM_KEY", "ENV_LLM_MODEL", "chat_configured", "pick_model", "resolve_endpoint"]
