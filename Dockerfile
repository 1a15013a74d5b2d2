# One image per service, all from this file: the build arg SERVICE picks which one runs
# (registry, grants, consultations, notifications); `command:` may override it too.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml constraints.txt ./
# Dependencies get their own layer, so a code change does not reinstall them.
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
    && pip install -c constraints.txt -r requirements.txt
COPY shared ./shared
COPY services ./services
RUN pip install -c constraints.txt .

FROM python:3.11-slim
ARG SERVICE=registry
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    SERVICE=${SERVICE}
COPY --from=build /opt/venv /opt/venv
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin app
# Numeric, so Kubernetes' runAsNonRoot can check it.
USER 10001
EXPOSE 8000
CMD ["sh", "-c", "exec python -m \"services.${SERVICE}\""]
