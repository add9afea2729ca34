"""The gateway: forwards `/api/v1/<service>/...` and hosts the one-process composition."""
