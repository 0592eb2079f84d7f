from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.campaign_progress_out import CampaignProgressOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: UUID,
    *,
    failures: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["failures"] = failures

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/campaigns/{campaign_id}".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CampaignProgressOut | Problem | None:
    if response.status_code == 200:
        response_200 = CampaignProgressOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 411:
        response_411 = Problem.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CampaignProgressOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    failures: int | Unset = 100,
) -> Response[CampaignProgressOut | Problem]:
    """Campaign Progress

     Messages by channel and status, and the failures with their reasons; numbers in full for
    the enterprise, masked for officials (of its district, or the city).

    Args:
        campaign_id (UUID):
        failures (int | Unset): most failures listed Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignProgressOut | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        failures=failures,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    failures: int | Unset = 100,
) -> CampaignProgressOut | Problem | None:
    """Campaign Progress

     Messages by channel and status, and the failures with their reasons; numbers in full for
    the enterprise, masked for officials (of its district, or the city).

    Args:
        campaign_id (UUID):
        failures (int | Unset): most failures listed Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignProgressOut | Problem
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        failures=failures,
    ).parsed


async def asyncio_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    failures: int | Unset = 100,
) -> Response[CampaignProgressOut | Problem]:
    """Campaign Progress

     Messages by channel and status, and the failures with their reasons; numbers in full for
    the enterprise, masked for officials (of its district, or the city).

    Args:
        campaign_id (UUID):
        failures (int | Unset): most failures listed Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignProgressOut | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        failures=failures,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    failures: int | Unset = 100,
) -> CampaignProgressOut | Problem | None:
    """Campaign Progress

     Messages by channel and status, and the failures with their reasons; numbers in full for
    the enterprise, masked for officials (of its district, or the city).

    Args:
        campaign_id (UUID):
        failures (int | Unset): most failures listed Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignProgressOut | Problem
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            failures=failures,
        )
    ).parsed
