from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_code_in import ChangeCodeIn
from ...models.problem import Problem
from ...models.seeker_accepted import SeekerAccepted
from ...types import Response


def _get_kwargs(
    seeker_id: str,
    *,
    body: ChangeCodeIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/job-seekers/{seeker_id}/mobile-change/verify".format(
            seeker_id=quote(str(seeker_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SeekerAccepted | None:
    if response.status_code == 202:
        response_202 = SeekerAccepted.from_dict(response.json())

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
) -> Response[Problem | SeekerAccepted]:
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
    body: ChangeCodeIn,
) -> Response[Problem | SeekerAccepted]:
    """Prove Your New Mobile

     Prove the new mobile with its code: your profile goes to matching with it, and the old
    mobile is told it was replaced. A few wrong codes end the change.

    Args:
        seeker_id (str): the seeker's id, given by the gateway at registration
        body (ChangeCodeIn): The code the new mobile received, for the change it was sent for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SeekerAccepted]
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
    body: ChangeCodeIn,
) -> Problem | SeekerAccepted | None:
    """Prove Your New Mobile

     Prove the new mobile with its code: your profile goes to matching with it, and the old
    mobile is told it was replaced. A few wrong codes end the change.

    Args:
        seeker_id (str): the seeker's id, given by the gateway at registration
        body (ChangeCodeIn): The code the new mobile received, for the change it was sent for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SeekerAccepted
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
    body: ChangeCodeIn,
) -> Response[Problem | SeekerAccepted]:
    """Prove Your New Mobile

     Prove the new mobile with its code: your profile goes to matching with it, and the old
    mobile is told it was replaced. A few wrong codes end the change.

    Args:
        seeker_id (str): the seeker's id, given by the gateway at registration
        body (ChangeCodeIn): The code the new mobile received, for the change it was sent for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SeekerAccepted]
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
    body: ChangeCodeIn,
) -> Problem | SeekerAccepted | None:
    """Prove Your New Mobile

     Prove the new mobile with its code: your profile goes to matching with it, and the old
    mobile is told it was replaced. A few wrong codes end the change.

    Args:
        seeker_id (str): the seeker's id, given by the gateway at registration
        body (ChangeCodeIn): The code the new mobile received, for the change it was sent for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SeekerAccepted
    """

    return (
        await asyncio_detailed(
            seeker_id=seeker_id,
            client=client,
            body=body,
        )
    ).parsed
