"""Kafka's CreateAcls, DescribeAcls and DeleteAcls requests (v3, the flexible versions Kafka 4
speaks).

aiokafka's admin client has no ACL calls, and its protocol module stops at v1 of these requests,
which Kafka 4 no longer accepts (KIP-896). The wire formats below are Kafka's own
(`clients/src/main/resources/common/message/{Create,Describe,Delete}Acls{Request,Response}.json`).
"""

from __future__ import annotations

from typing import TypeAlias

from aiokafka.protocol.api import Request, RequestStruct, Response
from aiokafka.protocol.types import (
    CompactArray,
    CompactString,
    Int8,
    Int16,
    Int32,
    Schema,
    TaggedFields,
)

# Enum values from Kafka's AclOperation, ResourceType, PatternType and AclPermissionType.
RESOURCE_TYPES = {"ANY": 1, "TOPIC": 2, "GROUP": 3, "CLUSTER": 4, "TRANSACTIONAL_ID": 5}
PATTERN_TYPES = {"ANY": 1, "MATCH": 2, "LITERAL": 3, "PREFIXED": 4}
OPERATIONS = {
    "ANY": 1,
    "ALL": 2,
    "READ": 3,
    "WRITE": 4,
    "CREATE": 5,
    "DELETE": 6,
    "ALTER": 7,
    "DESCRIBE": 8,
    "CLUSTER_ACTION": 9,
    "DESCRIBE_CONFIGS": 10,
    "ALTER_CONFIGS": 11,
    "IDEMPOTENT_WRITE": 12,
}
PERMISSION_ANY, PERMISSION_ALLOW = 1, 3
ANY_HOST = "*"

# An ACL binding's columns, in the order every request and response below carries them: the
# resource, then who may do what on it. Kafka's JSON names them per message (ResourcePatternType
# in CreateAcls, ResourceTypeFilter and the like in a filter); the wire knows only order and type.
RESOURCE_COLUMNS = (
    ("resource_type", Int8),
    ("resource_name", CompactString("utf-8")),
    ("pattern_type", Int8),
)
ACCESS_COLUMNS = (
    ("principal", CompactString("utf-8")),
    ("host", CompactString("utf-8")),
    ("operation", Int8),
    ("permission_type", Int8),
)
BINDING_COLUMNS = RESOURCE_COLUMNS + ACCESS_COLUMNS


class CreateAclsResponse_v3(Response):  # type: ignore[misc]
    API_KEY = 30
    API_VERSION = 3
    SCHEMA = Schema(
        ("throttle_time_ms", Int32),
        (
            "results",
            CompactArray(
                ("error_code", Int16),
                ("error_message", CompactString("utf-8")),
                ("tags", TaggedFields),
            ),
        ),
        ("tags", TaggedFields),
    )


class CreateAclsRequest_v3(RequestStruct):  # type: ignore[misc]
    FLEXIBLE_VERSION = True
    API_KEY = 30
    API_VERSION = 3
    RESPONSE_TYPE = CreateAclsResponse_v3
    SCHEMA = Schema(
        ("creations", CompactArray(*BINDING_COLUMNS, ("tags", TaggedFields))),
        ("tags", TaggedFields),
    )


Creation: TypeAlias = tuple[int, str, int, str, str, int, int, dict[int, bytes]]
"""A binding's columns (`BINDING_COLUMNS`) and its tagged fields."""


class CreateAcls(Request[CreateAclsRequest_v3]):  # type: ignore[misc]
    API_KEY = 30

    def __init__(self, creations: list[Creation]) -> None:
        self._creations = creations

    def build(self, request_struct_class: type[CreateAclsRequest_v3]) -> CreateAclsRequest_v3:
        return request_struct_class(self._creations, {})


class DescribeAclsResponse_v3(Response):  # type: ignore[misc]
    API_KEY = 29
    API_VERSION = 3
    SCHEMA = Schema(
        ("throttle_time_ms", Int32),
        ("error_code", Int16),
        ("error_message", CompactString("utf-8")),
        (
            "resources",
            CompactArray(
                *RESOURCE_COLUMNS,
                ("acls", CompactArray(*ACCESS_COLUMNS, ("tags", TaggedFields))),
                ("tags", TaggedFields),
            ),
        ),
        ("tags", TaggedFields),
    )


class DescribeAclsRequest_v3(RequestStruct):  # type: ignore[misc]
    FLEXIBLE_VERSION = True
    API_KEY = 29
    API_VERSION = 3
    RESPONSE_TYPE = DescribeAclsResponse_v3
    SCHEMA = Schema(*BINDING_COLUMNS, ("tags", TaggedFields))


class DescribeAcls(Request[DescribeAclsRequest_v3]):  # type: ignore[misc]
    """Every ACL of one principal (None: of everyone)."""

    API_KEY = 29

    def __init__(self, principal: str | None) -> None:
        self._principal = principal

    def build(self, request_struct_class: type[DescribeAclsRequest_v3]) -> DescribeAclsRequest_v3:
        return request_struct_class(
            RESOURCE_TYPES["ANY"],
            None,
            PATTERN_TYPES["ANY"],
            self._principal,
            None,
            OPERATIONS["ANY"],
            PERMISSION_ANY,
            {},
        )


class DeleteAclsResponse_v3(Response):  # type: ignore[misc]
    API_KEY = 31
    API_VERSION = 3
    SCHEMA = Schema(
        ("throttle_time_ms", Int32),
        (
            "filter_results",
            CompactArray(
                ("error_code", Int16),
                ("error_message", CompactString("utf-8")),
                (
                    "matching_acls",
                    CompactArray(
                        ("error_code", Int16),
                        ("error_message", CompactString("utf-8")),
                        *BINDING_COLUMNS,
                        ("tags", TaggedFields),
                    ),
                ),
                ("tags", TaggedFields),
            ),
        ),
        ("tags", TaggedFields),
    )


class DeleteAclsRequest_v3(RequestStruct):  # type: ignore[misc]
    FLEXIBLE_VERSION = True
    API_KEY = 31
    API_VERSION = 3
    RESPONSE_TYPE = DeleteAclsResponse_v3
    SCHEMA = Schema(
        ("filters", CompactArray(*BINDING_COLUMNS, ("tags", TaggedFields))),
        ("tags", TaggedFields),
    )


DeletionFilter: TypeAlias = Creation
"""The same columns as a `Creation`: each filter here names exactly one binding."""


class DeleteAcls(Request[DeleteAclsRequest_v3]):  # type: ignore[misc]
    API_KEY = 31

    def __init__(self, filters: list[DeletionFilter]) -> None:
        self._filters = filters

    def build(self, request_struct_class: type[DeleteAclsRequest_v3]) -> DeleteAclsRequest_v3:
        return request_struct_class(self._filters, {})
