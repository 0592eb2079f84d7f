"""One running platform per test module (tests/support/stack.py), an HTTP client for it, and a
Chromium tab on its console."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from playwright.async_api import Browser

from tests.support.console_browser import ConsolePage, chromium, console_tab
from tests.support.stack import Stack, running_stack


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running


@pytest_asyncio.fixture(loop_scope="session")
async def client(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.gateway.url, timeout=30) as http:
        yield http


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def browser() -> AsyncIterator[Browser]:
    """Debian's Chromium, headless, for the console's browser tests."""
    async with chromium() as launched:
        yield launched


@pytest_asyncio.fixture(loop_scope="session")
async def tab(browser: Browser, stack: Stack) -> AsyncIterator[ConsolePage]:
    """A fresh tab on the module's stack's console; no error in the browser console, or it fails."""
    async with console_tab(browser, stack.gateway.url) as console:
        yield console
    assert console.errors == [], console.errors
