from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.posting_recommendations_out import PostingRecommendationsOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    posting_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/postings/{posting_id}/recommendations".format(
            posting_id=quote(str(posting_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PostingRecommendationsOut | Problem | None:
    if response.status_code == 200:
        response_200 = PostingRecommendationsOut.from_dict(response.json())

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
) -> Response[PostingRecommendationsOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    posting_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[PostingRecommendationsOut | Problem]:
    """Posting Recommendations

     The seekers a posting is recommended to (its key enterprise's service officer, and the
    employment assistants of the district of the work).

    Args:
        posting_id (str): the posting's id, given by the gateway when it is created

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PostingRecommendationsOut | Problem]
    """

    kwargs = _get_kwargs(
        posting_id=posting_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    posting_id: str,
    *,
    client: AuthenticatedClient,
) -> PostingRecommendationsOut | Problem | None:
    """Posting Recommendations

     The seekers a posting is recommended to (its key enterprise's service officer, and the
    employment assistants of the district of the work).

    Args:
        posting_id (str): the posting's id, given by the gateway when it is created

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PostingRecommendationsOut | Problem
    """

    return sync_detailed(
        posting_id=posting_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    posting_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[PostingRecommendationsOut | Problem]:
    """Posting Recommendations

     The seekers a posting is recommended to (its key enterprise's service officer, and the
    employment assistants of the district of the work).

    Args:
        posting_id (str): the posting's id, given by the gateway when it is created

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PostingRecommendationsOut | Problem]
    """

    kwargs = _get_kwargs(
        posting_id=posting_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    posting_id: str,
    *,
    client: AuthenticatedClient,
) -> PostingRecommendationsOut | Problem | None:
    """Posting Recommendations

     The seekers a posting is recommended to (its key enterprise's service officer, and the
    employment assistants of the district of the work).

    Args:
        posting_id (str): the posting's id, given by the gateway when it is created

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PostingRecommendationsOut | Problem
    """

    return (
        await asyncio_detailed(
            posting_id=posting_id,
            client=client,
        )
    ).parsed
