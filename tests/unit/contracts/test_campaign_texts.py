"""Campaign texts: named placeholders, every one needed before anything is sent."""

from __future__ import annotations

import pytest

from services.contracts.campaigns import (
    CampaignTemplate,
    MissingValues,
    placeholders,
    render,
)

VALUES = {
    "enterprise_name": "上海浦江食品有限公司",
    "return_date": "2月17日",
    "site": "二号车间",
    "instructions": "请携带健康码。",
    "handbook_url": "https://rsj.sh.gov.cn/h",
    "guidance_url": "https://rsj.sh.gov.cn/g",
}


def test_the_return_notice_names_date_site_instructions_and_both_links() -> None:
    text = render(CampaignTemplate.RETURN_TO_WORK, VALUES)
    assert text.startswith("【复工】上海浦江食品有限公司通知：请于2月17日到二号车间返岗。")
    assert "https://rsj.sh.gov.cn/h" in text
    assert "https://rsj.sh.gov.cn/g" in text


@pytest.mark.parametrize("template", list(CampaignTemplate))
def test_every_missing_or_blank_value_is_named(template: CampaignTemplate) -> None:
    values = {**VALUES, "return_date": "  "}
    values.pop("enterprise_name")
    with pytest.raises(MissingValues) as missing:
        render(template, values)
    assert missing.value.names == [
        n for n in placeholders(template) if n in ("enterprise_name", "return_date")
    ]
