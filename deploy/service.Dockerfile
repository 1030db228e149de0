# One image recipe for all five services. Build the jars first (./mvnw -DskipTests package), then:
#   docker build -f deploy/service.Dockerfile --build-arg SERVICE=gateway-service -t coursegen/gateway-service .
# docker-compose.yml does this for every service.
FROM eclipse-temurin:17-jre-jammy

ARG SERVICE
RUN test -n "$SERVICE" || (echo "build with --build-arg SERVICE=<module>" && false) \
    && useradd --system --uid 10001 coursegen
WORKDIR /app
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar app.jar
USER coursegen
# container-aware heap: the JVM reads the cgroup limit
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
