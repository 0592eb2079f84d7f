"""Printable posters (PDF and PNG) of each district's services with QR codes (seed 四(二)).

`python -m services.gateway.posters OUT_DIR [--district 310115]` writes every district's posters
from the service-status register; the console serves each one too (/console/posters).
"""

from __future__ import annotations

import argparse
import asyncio
import io
from collections.abc import Sequence
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from services.contracts.identifiers import all_districts, district
from services.gateway.domain.posters import Poster, poster
from services.gateway.domain.service_halls import PublicService
from services.gateway.ports import ServiceRegister

PDF_FONT = "STSong-Light"
"""One of reportlab's built-in CID fonts: Chinese in the PDF without shipping a font file."""
PNG_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian: fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
PNG_SIZE = (1240, 1754)  # A4 at 150 dpi


async def district_posters(register: ServiceRegister, district_code: str) -> list[Poster]:
    """Every service's poster of a district, from the register's halls and current statuses."""
    halls = await register.halls(district_code)
    statuses = await register.statuses(district_code)
    name = district(district_code).name_zh
    return [poster(district_code, name, service, halls, statuses) for service in PublicService]


def render_pdf(content: Poster) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    out = io.BytesIO()
    width, height = A4
    canvas = Canvas(out, pagesize=A4)
    canvas.setTitle(content.title)
    canvas.setFont(PDF_FONT, 30)
    canvas.drawCentredString(width / 2, height - 90, content.title)
    canvas.setFont(PDF_FONT, 15)
    canvas.drawCentredString(width / 2, height - 125, content.subtitle)
    y = height - 180
    canvas.setFont(PDF_FONT, 12)
    for line in content.lines[:12]:
        canvas.drawString(60, y, line[:48])
        y -= 22
    size = 190.0
    gap = (width - size * len(content.codes)) / (len(content.codes) + 1)
    for index, code in enumerate(content.codes):
        x = gap + index * (size + gap)
        _draw_qr(canvas, code.target, x, 150, size)
        canvas.setFont(PDF_FONT, 12)
        canvas.drawCentredString(x + size / 2, 130, code.label)
    canvas.setFont(PDF_FONT, 10)
    canvas.drawCentredString(width / 2, 60, "上海市人力资源和社会保障局 · 咨询热线 12333")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw_qr(canvas: Canvas, target: str, x: float, y: float, size: float) -> None:
    """The code as vector squares: sharp at any print size."""
    rows = [list(row) for row in segno.make(target, error="m").matrix_iter(border=4)]
    module = size / len(rows)
    canvas.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(rows):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(x + c * module, y + size - (r + 1) * module, module, module, 0, 1)


def _png_font(size: int) -> ImageFont.FreeTypeFont:
    for path in PNG_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    raise RuntimeError("no CJK font found: install Debian's fonts-noto-cjk (make setup)")


def render_png(content: Poster) -> bytes:
    image = Image.new("RGB", PNG_SIZE, "white")
    draw = ImageDraw.Draw(image)
    width = PNG_SIZE[0]
    draw.text((width / 2, 120), content.title, fill="black", font=_png_font(64), anchor="mm")
    draw.text((width / 2, 200), content.subtitle, fill="black", font=_png_font(32), anchor="mm")
    body = _png_font(26)
    y = 290
    for line in content.lines[:12]:
        draw.text((110, y), line[:48], fill="black", font=body)
        y += 44
    size = 420
    gap = (width - size * len(content.codes)) // (len(content.codes) + 1)
    for index, code in enumerate(content.codes):
        x = gap + index * (size + gap)
        buffer = io.BytesIO()
        segno.make(code.target, error="m").save(buffer, kind="png", scale=10, border=4)
        buffer.seek(0)
        qr = Image.open(buffer).convert("RGB").resize((size, size), Image.Resampling.NEAREST)
        image.paste(qr, (x, 1050))
        draw.text((x + size / 2, 1500), code.label, fill="black", font=body, anchor="mm")
    footer = "上海市人力资源和社会保障局 · 咨询热线 12333"
    draw.text((width / 2, 1650), footer, fill="black", font=_png_font(24), anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def write_posters(posters: Sequence[Poster], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for content in posters:
        for suffix, render in ((".pdf", render_pdf), (".png", render_png)):
            path = out_dir / f"{content.file_stem}{suffix}"
            path.write_bytes(render(content))
            written.append(path)
    return written


async def _main(out_dir: Path, districts: Sequence[str]) -> None:
    from services.gateway.adapters.service_register import PostgresServiceRegister
    from services.gateway.settings import GatewaySettings
    from services.platform.postgres import open_database

    settings = GatewaySettings()
    # As every process connects: the role and password may be apart from the URL, and TLS.
    pool = await open_database(settings, max_size=2)
    try:
        register = PostgresServiceRegister(pool)
        for code in districts:
            written = write_posters(await district_posters(register, code), out_dir)
            print(f"{district(code).name_zh}: {len(written)} files in {out_dir}")
    finally:
        await pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Write each district's service posters.")
    parser.add_argument("out_dir", type=Path, help="folder the PDF and PNG files go to")
    parser.add_argument("--district", action="append", help="district code (default: all 16)")
    arguments = parser.parse_args()
    codes = arguments.district or [each.code for each in all_districts()]
    for code in codes:
        district(code)  # refuses an unknown code before anything is written
    asyncio.run(_main(arguments.out_dir, codes))


if __name__ == "__main__":
    main()
