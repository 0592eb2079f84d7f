"""The officials' console in headless Chromium (Debian's, driven by Playwright): a tab that
records every error the browser reports, and screenshots in the git-ignored
.artifacts/screenshots/."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from playwright.async_api import Browser, ConsoleMessage, Page, async_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".artifacts" / "screenshots"
WAIT_MS = 15_000


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        try:
            yield browser
        finally:
            await browser.close()


class ConsolePage:
    """A browser tab on the console that records every error the browser reports."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    async def open(self, path: str) -> None:
        await self.page.goto(f"{self.base_url}{path}")
        await self.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)

    async def sign_in(self, key: str) -> None:
        await self.open("/console/sign-in")
        await self.page.get_by_label("API 密钥").fill(key)
        await self.page.get_by_role("button", name="登录").click()

    async def shot(self, name: str) -> None:
        await self.page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


@asynccontextmanager
async def console_tab(browser: Browser, base_url: str) -> AsyncIterator[ConsolePage]:
    """A fresh tab (its own cookies) in Chinese at a desktop size."""
    context = await browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    try:
        yield ConsolePage(await context.new_page(), base_url)
    finally:
        await context.close()
