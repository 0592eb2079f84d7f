"""The officials' console: server-rendered pages in Chinese over the gateway's own ports."""
