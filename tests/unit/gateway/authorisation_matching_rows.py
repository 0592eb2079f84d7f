"""The authorisation matrix's rows for matching's endpoints: postings and their review, demand
lists, key enterprises and their service officers, job fairs, job seekers, recommendations and
employee sharing."""

from __future__ import annotations

from tests.support.data import credit_code
from tests.support.fairs import registrant_body, upcoming_fair_body
from tests.support.postings import posting_body
from tests.support.seekers import seeker_body
from tests.support.sharing import declaration_id, shortage_body, surplus_body
from tests.unit.gateway.authorisation_callers import PUDONG, PUDONG_FOOD, SEEKER, Row

POSTING = "7d0c8b52-3f1e-5a6b-9c7d-2e4f6a8b0c1d"
PUDONG_LENDER = credit_code(5, "310115")
DECLARATION = declaration_id(1)
PROPOSAL = "8e2f4a6b-0c1d-5e3f-9a7b-1c3d5e7f9a0b"
FAIR = "5e2b7c41-9d3a-4f6e-8b1c-2a7d9e0f4b36"  # 浦东新区's, open now

MATCHING_ROWS: dict[str, Row] = {
    "open-posting": (
        "POST", "/v1/postings", None, {**posting_body(), "credit_code": PUDONG_FOOD},
        (202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "revise-posting": (
        "PUT", f"/v1/postings/{POSTING}", None, {**posting_body(), "version": 2},
        (202, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "fill-posting": (
        "POST", f"/v1/postings/{POSTING}/fill", None, {"version": 2, "filled": 3},
        (202, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "close-posting": (
        "POST", f"/v1/postings/{POSTING}/close", None, {"version": 2, "reason": "withdrawn"},
        (202, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "read-posting": (
        "GET", f"/v1/postings/{POSTING}", None, None,
        (200, 404, 403, 403, 200, 404, 200, 200, 200, 404, 403, 404, 403),
    ),
    "own-postings": (
        "GET", "/v1/postings", None, None,
        (200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "held-postings": (
        "GET", "/v1/posting-reviews", {"district": "310115"}, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "review-posting": (
        "POST", f"/v1/posting-reviews/{POSTING}", None,
        {"version": 1, "decision": "reject", "reason": "以来源地区拒绝劳动者"},
        (403, 403, 403, 403, 202, 404, 202, 403, 403, 403, 403, 403, 403),
    ),
    "demand-list": (
        "GET", "/v1/demand-lists/key_enterprises", {"district": "310115"}, None,
        (403, 403, 403, 403, 200, 403, 200, 200, 403, 403, 403, 403, 403),
    ),
    "assign-officer": (
        "PUT", f"/v1/enterprises/{PUDONG_FOOD}/service-officer", None, {"staff_id": "S0008"},
        (403, 403, 403, 403, 202, 403, 202, 403, 403, 403, 403, 403, 403),
    ),
    "key-enterprises": (
        "GET", "/v1/key-enterprises", {"district": "310115"}, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "schedule-fair": (
        "POST", "/v1/fairs", None, upcoming_fair_body(),
        (403, 403, 403, 403, 202, 202, 202, 403, 403, 403, 403, 403, 403),
    ),
    "fairs": (
        "GET", "/v1/fairs", None, None,
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200),
    ),
    "read-fair": (
        "GET", f"/v1/fairs/{FAIR}", None, None,
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200),
    ),
    "join-fair": (
        "PUT", f"/v1/fairs/{FAIR}/enterprises/{PUDONG_FOOD}", None, {"posting_ids": []},
        (202, 403, 403, 403, 202, 403, 202, 403, 403, 403, 403, 403, 403),
    ),
    "fair-interests": (
        "GET", f"/v1/fairs/{FAIR}/interests", None, None,
        (200, 200, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    "fair-counts": (
        "GET", f"/v1/fairs/{FAIR}/counts", None, None,
        (403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403),
    ),
    # Seekers register with no API key; an API key is no registrant key.
    "register-for-fair": (
        "POST", f"/v1/fairs/{FAIR}/registrants", None, registrant_body(),
        (202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202),
    ),
    "registrant-reads": (
        "GET", f"/v1/fairs/{FAIR}/registrants/me", None, None,
        (401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
    ),
    "officer-enterprises": (
        "GET", "/v1/service-officer/enterprises", None, None,
        (403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403, 403, 403),
    ),
    "register-seeker": (
        "POST", "/v1/job-seekers", None, seeker_body(district_code="310115"),
        (403, 403, 403, 403, 403, 403, 403, 202, 403, 403, 403, 403, 403),
    ),
    "self-registration": (
        "POST", "/v1/job-seekers/self-registration", None, seeker_body(district_code="310115"),
        (202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202),
    ),
    "self-registration-verify": (  # open, whatever key is sent: no registration waits here
        "POST", "/v1/job-seekers/self-registration/verify", None,
        {"seeker_id": SEEKER, "code": "042917"},
        (422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422),
    ),
    "self-registration-resend": (
        "POST", "/v1/job-seekers/self-registration/resend", None, {"seeker_id": SEEKER},
        (422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422),
    ),
    "key-recovery": (  # the same answer whether or not the number is registered
        "POST", "/v1/job-seekers/key-recovery", None, {"mobile": "13912345678"},
        (202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202),
    ),
    "key-recovery-verify": (  # open, whatever key is sent: no recovery waits here
        "POST", "/v1/job-seekers/key-recovery/verify", None,
        {"recovery_id": SEEKER, "code": "042917"},
        (422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422),
    ),
    "mobile-change": (  # the seeker themselves only (an assistant updates the profile)
        "POST", f"/v1/job-seekers/{SEEKER}/mobile-change", None,
        {"current_mobile": "13912345678", "new_mobile": "13698765432"},
        (403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 202),
    ),
    "mobile-change-verify": (  # the seeker's own: no change waits here
        "POST", f"/v1/job-seekers/{SEEKER}/mobile-change/verify", None,
        {"change_id": SEEKER, "code": "042917"},
        (403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 422),
    ),
    "read-seeker": (
        "GET", f"/v1/job-seekers/{SEEKER}", None, None,
        (403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 404, 200),
    ),
    "update-seeker": (
        "PUT", f"/v1/job-seekers/{SEEKER}", None, seeker_body(district_code="310115"),
        (403, 403, 403, 403, 403, 403, 403, 202, 403, 403, 403, 404, 202),
    ),
    "withdraw-seeker": (
        "POST", f"/v1/job-seekers/{SEEKER}/withdrawal", None, {"reason": "已就业"},
        (403, 403, 403, 403, 403, 403, 403, 202, 403, 403, 403, 404, 202),
    ),
    "district-seekers": (
        "GET", "/v1/job-seekers", {"district": "310115"}, None,
        (403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403),
    ),
    "seeker-recommendations": (
        "GET", f"/v1/job-seekers/{SEEKER}/recommendations", None, None,
        (403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 404, 200),
    ),
    "posting-recommendations": (
        "GET", f"/v1/postings/{POSTING}/recommendations", None, None,
        (403, 403, 403, 403, 403, 403, 403, 200, 200, 404, 403, 404, 403),
    ),
    "declare-surplus": (
        "POST", "/v1/sharing/surplus", None, {**surplus_body(), "credit_code": PUDONG_FOOD},
        (202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "declare-shortage": (
        "POST", "/v1/sharing/shortages", None, {**shortage_body(), "credit_code": PUDONG_FOOD},
        (202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "close-declaration": (
        "POST", f"/v1/sharing/declarations/{DECLARATION}/close", None, {"reason": "withdrawn"},
        (202, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
    "sharing-declarations": (
        "GET", "/v1/sharing/declarations", PUDONG, None,
        (200, 200, 403, 403, 200, 403, 200, 200, 200, 200, 403, 403, 403),
    ),
    "sharing-proposals": (
        "GET", "/v1/sharing/proposals", PUDONG, None,
        (200, 200, 403, 403, 200, 403, 200, 200, 200, 200, 403, 403, 403),
    ),
    "read-proposal": (
        "GET", f"/v1/sharing/proposals/{PROPOSAL}", None, None,
        (200, 404, 403, 403, 200, 404, 200, 200, 200, 404, 403, 404, 403),
    ),
    "answer-proposal": (
        "POST", f"/v1/sharing/proposals/{PROPOSAL}/answer", None, {"answer": "accept"},
        (202, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ),
}  # fmt: skip
