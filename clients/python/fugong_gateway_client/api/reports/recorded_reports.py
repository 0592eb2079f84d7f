from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.recorded_reports import RecordedReports
from ...types import UNSET, Response, Unset


def _get_kwargs(
    credit_code: str,
    *,
    week: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_week: None | str | Unset
    if isinstance(week, Unset):
        json_week = UNSET
    else:
        json_week = week
    params["week"] = json_week

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/enterprises/{credit_code}/weekly-reports".format(
            credit_code=quote(str(credit_code), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RecordedReports | None:
    if response.status_code == 200:
        response_200 = RecordedReports.from_dict(response.json())

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
) -> Response[Problem | RecordedReports]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    credit_code: str,
    *,
    client: AuthenticatedClient,
    week: None | str | Unset = UNSET,
) -> Response[Problem | RecordedReports]:
    """Recorded Reports

     The weekly reports monitoring has recorded for an enterprise (its own, or its district's).

    Args:
        credit_code (str): 统一社会信用代码: 18-character Unified Social Credit Code (GB 32100-2015)
        week (None | str | Unset): only this ISO week

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecordedReports]
    """

    kwargs = _get_kwargs(
        credit_code=credit_code,
        week=week,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    credit_code: str,
    *,
    client: AuthenticatedClient,
    week: None | str | Unset = UNSET,
) -> Problem | RecordedReports | None:
    """Recorded Reports

     The weekly reports monitoring has recorded for an enterprise (its own, or its district's).

    Args:
        credit_code (str): 统一社会信用代码: 18-character Unified Social Credit Code (GB 32100-2015)
        week (None | str | Unset): only this ISO week

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecordedReports
    """

    return sync_detailed(
        credit_code=credit_code,
        client=client,
        week=week,
    ).parsed


async def asyncio_detailed(
    credit_code: str,
    *,
    client: AuthenticatedClient,
    week: None | str | Unset = UNSET,
) -> Response[Problem | RecordedReports]:
    """Recorded Reports

     The weekly reports monitoring has recorded for an enterprise (its own, or its district's).

    Args:
        credit_code (str): 统一社会信用代码: 18-character Unified Social Credit Code (GB 32100-2015)
        week (None | str | Unset): only this ISO week

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecordedReports]
    """

    kwargs = _get_kwargs(
        credit_code=credit_code,
        week=week,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    credit_code: str,
    *,
    client: AuthenticatedClient,
    week: None | str | Unset = UNSET,
) -> Problem | RecordedReports | None:
    """Recorded Reports

     The weekly reports monitoring has recorded for an enterprise (its own, or its district's).

    Args:
        credit_code (str): 统一社会信用代码: 18-character Unified Social Credit Code (GB 32100-2015)
        week (None | str | Unset): only this ISO week

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecordedReports
    """

    return (
        await asyncio_detailed(
            credit_code=credit_code,
            client=client,
            week=week,
        )
    ).parsed
