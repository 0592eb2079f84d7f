from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.opt_in_accepted_out import OptInAcceptedOut
from ...models.opt_in_in import OptInIn
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: OptInIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/rosters/opt-ins",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OptInAcceptedOut | Problem | None:
    if response.status_code == 202:
        response_202 = OptInAcceptedOut.from_dict(response.json())

        return response_202

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
) -> Response[OptInAcceptedOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: OptInIn,
) -> Response[OptInAcceptedOut | Problem]:
    """Record Opt In

     Record that an employee who refused channels takes them back, with their renewed consent
    (how, when, the enterprise's reference): their refusals of those channels recorded by this
    enterprise are lifted, and for SMS an unsubscribe by reply (TD) sent before the consent was
    given. Only the enterprise itself records its employees' consent.

    Args:
        body (OptInIn): An employee who refused channels takes them back, having renewed their
            consent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OptInAcceptedOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: OptInIn,
) -> OptInAcceptedOut | Problem | None:
    """Record Opt In

     Record that an employee who refused channels takes them back, with their renewed consent
    (how, when, the enterprise's reference): their refusals of those channels recorded by this
    enterprise are lifted, and for SMS an unsubscribe by reply (TD) sent before the consent was
    given. Only the enterprise itself records its employees' consent.

    Args:
        body (OptInIn): An employee who refused channels takes them back, having renewed their
            consent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OptInAcceptedOut | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: OptInIn,
) -> Response[OptInAcceptedOut | Problem]:
    """Record Opt In

     Record that an employee who refused channels takes them back, with their renewed consent
    (how, when, the enterprise's reference): their refusals of those channels recorded by this
    enterprise are lifted, and for SMS an unsubscribe by reply (TD) sent before the consent was
    given. Only the enterprise itself records its employees' consent.

    Args:
        body (OptInIn): An employee who refused channels takes them back, having renewed their
            consent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OptInAcceptedOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: OptInIn,
) -> OptInAcceptedOut | Problem | None:
    """Record Opt In

     Record that an employee who refused channels takes them back, with their renewed consent
    (how, when, the enterprise's reference): their refusals of those channels recorded by this
    enterprise are lifted, and for SMS an unsubscribe by reply (TD) sent before the consent was
    given. Only the enterprise itself records its employees' consent.

    Args:
        body (OptInIn): An employee who refused channels takes them back, having renewed their
            consent.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OptInAcceptedOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
