# One image for every Fugong service. The default command runs the gateway; compose and the
# Kubernetes manifests override it (`python -m services.monitoring`, `python -m services.platform.topics`).
#
#   docker build -t fugong:0.1.0 .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# A fixed numeric uid/gid: Kubernetes can only verify runAsNonRoot against a numeric USER,
# and deploy/k8s sets the same ids in its securityContext.
RUN groupadd --system --gid 10001 fugong \
 && useradd --system --uid 10001 --gid fugong --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin fugong

# Debian's Noto CJK fonts: the gateway draws Chinese on the posters' PNG (their PDF uses
# reportlab's built-in CID font).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*

# Build from a throw-away directory so the running process imports the installed package
# (with its package data: reference CSVs, migrations, the console's templates and static files,
# ECharts among them once `make setup` fetched it), never a stray source tree in its cwd.
WORKDIR /build
COPY pyproject.toml ./
COPY services ./services
RUN pip install --no-cache-dir . \
 && rm -rf /build

# The working directory is the only place a service may write (faust keeps its data directory
# there); Kubernetes mounts an emptyDir on it because the root filesystem is read-only.
WORKDIR /app
RUN chown fugong:fugong /app

USER 10001:10001

# gateway 8000, monitoring 8101 (deploy/README.md lists the ports)
EXPOSE 8000 8101

CMD ["python", "-m", "services.gateway"]
