from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.declaration_accepted import DeclarationAccepted
from ...models.declaration_closing_in import DeclarationClosingIn
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    declaration_id: str,
    *,
    body: DeclarationClosingIn,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/sharing/declarations/{declaration_id}/close".format(
            declaration_id=quote(str(declaration_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeclarationAccepted | Problem | None:
    if response.status_code == 202:
        response_202 = DeclarationAccepted.from_dict(response.json())

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
) -> Response[DeclarationAccepted | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    declaration_id: str,
    *,
    client: AuthenticatedClient,
    body: DeclarationClosingIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[DeclarationAccepted | Problem]:
    """Close Declaration

     Withdraw one of your declarations, or say it is met: its proposals not agreed retire.

    Args:
        declaration_id (str):
        idempotency_key (None | str | Unset): A UUID the client chooses per submission and repeats
            on retry: a retry gets the same event id and is counted once; the same key with a
            different request is refused (422).
        body (DeclarationClosingIn): No more proposals for this declaration; those not agreed
            retire.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeclarationAccepted | Problem]
    """

    kwargs = _get_kwargs(
        declaration_id=declaration_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    declaration_id: str,
    *,
    client: AuthenticatedClient,
    body: DeclarationClosingIn,
    idempotency_key: None | str | Unset = UNSET,
) -> DeclarationAccepted | Problem | None:
    """Close Declaration

     Withdraw one of your declarations, or say it is met: its proposals not agreed retire.

    Args:
        declaration_id (str):
        idempotency_key (None | str | Unset): A UUID the client chooses per submission and repeats
            on retry: a retry gets the same event id and is counted once; the same key with a
            different request is refused (422).
        body (DeclarationClosingIn): No more proposals for this declaration; those not agreed
            retire.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeclarationAccepted | Problem
    """

    return sync_detailed(
        declaration_id=declaration_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    declaration_id: str,
    *,
    client: AuthenticatedClient,
    body: DeclarationClosingIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[DeclarationAccepted | Problem]:
    """Close Declaration

     Withdraw one of your declarations, or say it is met: its proposals not agreed retire.

    Args:
        declaration_id (str):
        idempotency_key (None | str | Unset): A UUID the client chooses per submission and repeats
            on retry: a retry gets the same event id and is counted once; the same key with a
            different request is refused (422).
        body (DeclarationClosingIn): No more proposals for this declaration; those not agreed
            retire.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeclarationAccepted | Problem]
    """

    kwargs = _get_kwargs(
        declaration_id=declaration_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    declaration_id: str,
    *,
    client: AuthenticatedClient,
    body: DeclarationClosingIn,
    idempotency_key: None | str | Unset = UNSET,
) -> DeclarationAccepted | Problem | None:
    """Close Declaration

     Withdraw one of your declarations, or say it is met: its proposals not agreed retire.

    Args:
        declaration_id (str):
        idempotency_key (None | str | Unset): A UUID the client chooses per submission and repeats
            on retry: a retry gets the same event id and is counted once; the same key with a
            different request is refused (422).
        body (DeclarationClosingIn): No more proposals for this declaration; those not agreed
            retire.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeclarationAccepted | Problem
    """

    return (
        await asyncio_detailed(
            declaration_id=declaration_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
