"""Offline checks of the deployment files: image, compose, Kubernetes and Prometheus."""
