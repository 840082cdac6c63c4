# syntax=docker/dockerfile:1
# databricks-mcp over Streamable HTTP, for Docker or Podman:
#   docker build -t databricks-mcp .
#   docker run -p 8080:8080 -e DATABRICKS_MCP_AUTH_TOKENS=... -e DATABRICKS_HOST=... -e DATABRICKS_TOKEN=... databricks-mcp
# Without a daemon, deploy/image/build.sh makes the same image from Debian packages and reads its
# configuration (the ENV, USER, EXPOSE, WORKDIR, ENTRYPOINT, CMD and HEALTHCHECK lines of the last
# stage) from this file: keep those one per line. docs/DEPLOY.md, "Container image".

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY sandbox sandbox
COPY server server
# the reactor lists bench; its sources are not built here
COPY bench/pom.xml bench/pom.xml
RUN ./mvnw -B -q -pl server -am package -DskipTests -DskipPitest
# a JRE of the modules the server uses (jdeps), plus the TLS curves jdeps cannot see; with its own
# class-data archive, which saves start-up time on every cold start
COPY deploy/image/jre-modules deploy/image/jre-modules
RUN jlink --add-modules "$(cat deploy/image/jre-modules)" --strip-debug --no-man-pages \
      --no-header-files --compress=2 --generate-cds-archive --output /jre

FROM debian:bookworm-slim
RUN groupadd --system --gid 10001 mcp \
 && useradd --system --uid 10001 --gid 10001 --home-dir /home/mcp --create-home --shell /usr/sbin/nologin mcp
COPY --from=build /jre /opt/java
COPY --from=build /src/server/target/databricks-mcp.jar /app/databricks-mcp.jar
ENV JAVA_HOME=/opt/java
ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# HTTP on every interface, which the server allows only with authentication: give tokens in
# DATABRICKS_MCP_AUTH_TOKENS, or set DATABRICKS_MCP_AUTH=databricks-apps in a Databricks App
ENV DATABRICKS_MCP_TRANSPORT=http
ENV HOST=0.0.0.0
ENV PORT=8080
ENV DATABRICKS_MCP_AUTH=token
USER 10001:10001
WORKDIR /home/mcp
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-cp", "/app/databricks-mcp.jar", "dev.databricksmcp.server.cli.HealthCheck"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/databricks-mcp.jar"]
CMD []
