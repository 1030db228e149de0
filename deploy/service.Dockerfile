# One image recipe for all five services. Build the jars first (./mvnw -DskipTests package), then:
#   docker build -f deploy/service.Dockerfile --build-arg SERVICE=gateway-service -t coursegen/gateway-service .
# docker-compose.yml does this for every service. The context is the repository root; .dockerignore sends only
# the services' exec jars.

# Splits the jar into Spring Boot's layers, so a rebuild after a code change replaces only the small
# application layer and the dependencies' layer stays cached.
FROM eclipse-temurin:17.0.20_8-jre-jammy AS layers
ARG SERVICE
RUN test -n "$SERVICE" || (echo "build with --build-arg SERVICE=<module>" && false)
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17.0.20_8-jre-jammy
# docker-compose.yml's healthchecks call curl, which the base image ships: fail the build if it ever stops
RUN curl --version >/dev/null \
    && useradd --system --uid 10001 coursegen
WORKDIR /app
# least to most often changed
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER coursegen
# container-aware heap: the JVM reads the cgroup limit (mem_limit in docker-compose.yml)
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# exec form: java is PID 1 and gets the SIGTERM that starts the graceful shutdown
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
