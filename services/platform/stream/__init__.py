"""The one stream worker every Fugong stream processor runs on.

A service gives it its topics from the catalogue, a route per event type (payload model ->
the record its store takes) and a store; the worker does the rest: consume in batches, decode,
dead-letter what cannot be used, record with bounded retries, commit offsets only after the store
committed, measure lag, serve `/healthz` `/readyz` `/metrics`, and shut down cleanly.
"""
