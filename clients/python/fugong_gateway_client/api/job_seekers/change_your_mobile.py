from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_waiting import ChangeWaiting
from ...models.mobile_change_in import MobileChangeIn
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    seeker_id: str,
    *,
    body: MobileChangeIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/job-seekers/{seeker_id}/mobile-change".format(
            seeker_id=quote(str(seeker_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChangeWaiting | Problem | None:
    if response.status_code == 202:
        response_202 = ChangeWaiting.from_dict(response.json())

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
) -> Response[ChangeWaiting | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    seeker_id: str,
    *,
    client: AuthenticatedClient,
    body: MobileChangeIn,
) -> Response[ChangeWaiting | Problem]:
    """Change Your Mobile

     Move to a new mobile (your own key): a code is sent to it, and only once you type it at
    `…/verify` does it replace the mobile you proved (which is then told of the change).

    Args:
        seeker_id (str): the seeker's id, given by the gateway at registration
        body (MobileChangeIn): The mobile you proved, and the one to use from now on.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeWaiting | Problem]
    """

    kwargs = _get_kwargs(
        seeker_id=seeker_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    seeker_id: str,
    *,
    client: AuthenticatedClient,
    body: MobileChangeIn,
) -> ChangeWaiting | Problem | None:
    """Change Your Mobile

     Move to a new mobile (your own key): a code is sent to it, and only once you type it at
    `…/verify` does it replace the mobile you proved (which is then told of the change).

    Args:
        seeker_id (str): the seeker's id, given by the gateway at registration
        body (MobileChangeIn): The mobile you proved, and the one to use from now on.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeWaiting | Problem
    """

    return sync_detailed(
        seeker_id=seeker_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    seeker_id: str,
    *,
    client: AuthenticatedClient,
    body: MobileChangeIn,
) -> Response[ChangeWaiting | Problem]:
    """Change Your Mobile

     Move to a new mobile (your own key): a code is sent to it, and only once you type it at
    `…/verify` does it replace the mobile you proved (which is then told of the change).

    Args:
        seeker_id (str): the seeker's id, given by the gateway at registration
        body (MobileChangeIn): The mobile you proved, and the one to use from now on.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeWaiting | Problem]
    """

    kwargs = _get_kwargs(
        seeker_id=seeker_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    seeker_id: str,
    *,
    client: AuthenticatedClient,
    body: MobileChangeIn,
) -> ChangeWaiting | Problem | None:
    """Change Your Mobile

     Move to a new mobile (your own key): a code is sent to it, and only once you type it at
    `…/verify` does it replace the mobile you proved (which is then told of the change).

    Args:
        seeker_id (str): the seeker's id, given by the gateway at registration
        body (MobileChangeIn): The mobile you proved, and the one to use from now on.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeWaiting | Problem
    """

    return (
        await asyncio_detailed(
            seeker_id=seeker_id,
            client=client,
            body=body,
        )
    ).parsed
