"""The SMS provider simulator: Tencent Cloud SMS's API (2021-01-11) on a local endpoint.

Notify's adapter talks to it through Tencent's own SDK, so the wire format under test is the
real one. It fails and stalls as real providers do (latency, per-number transient and
permanent failures, requests it accepts but never answers) and counts what it accepted per
(SessionContext, phone), so tests can count duplicates. A test and demo tool: it checks no
signature and keeps everything in memory.
"""
