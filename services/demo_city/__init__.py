"""The demo city, product data rather than platform: a seeded Shanghai of spring 2020 (`city`,
pure) and its loading through the gateway's public API (`loader`, HTTP)."""
