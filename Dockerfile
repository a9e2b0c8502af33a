# One image recipe for the services (auth-server included); MODULE names which one:
#   docker build --build-arg MODULE=order-service -t orderflow/order-service .
# The build stage does not depend on MODULE, so building the five images compiles the code once.
# JDK_IMAGE and JRE_IMAGE name the base images (docker/stand-ins/ builds local ones where no registry answers).
ARG JDK_IMAGE=eclipse-temurin:21-jdk
ARG JRE_IMAGE=eclipse-temurin:21-jre

FROM ${JDK_IMAGE} AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Every module's pom (the reactor reads them all; DockerfileTests checks this list against the root pom),
# then the dependencies: that layer is reused until a pom changes, not rebuilt on every source change.
COPY events/pom.xml events/
COPY messaging-core/pom.xml messaging-core/
COPY test-support/pom.xml test-support/
COPY local-postgres/pom.xml local-postgres/
COPY order-service/pom.xml order-service/
COPY inventory-service/pom.xml inventory-service/
COPY notification-service/pom.xml notification-service/
COPY gateway/pom.xml gateway/
COPY auth-server/pom.xml auth-server/
COPY console/pom.xml console/
COPY kafka-broker/pom.xml kafka-broker/
COPY dead-letters/pom.xml dead-letters/
COPY bench/pom.xml bench/
COPY e2e-tests/pom.xml e2e-tests/
ENV SERVICES=order-service,inventory-service,notification-service,gateway,auth-server,console
RUN ./mvnw -B -q -pl "$SERVICES" -am dependency:go-offline -Dmaven.test.skip=true

COPY events/src events/src
COPY messaging-core/src messaging-core/src
COPY order-service/src order-service/src
COPY inventory-service/src inventory-service/src
COPY notification-service/src notification-service/src
COPY gateway/src gateway/src
COPY auth-server/src auth-server/src
COPY console/src console/src
RUN ./mvnw -B -q -pl "$SERVICES" -am package -Dmaven.test.skip=true \
    && for module in $(echo "$SERVICES" | tr ',' ' '); do \
           java -Djarmode=tools -jar "$module"/target/"$module"-*.jar extract --layers --launcher \
               --destination "/layers/$module"; \
       done

FROM ${JRE_IMAGE}
# curl for the health checks in docker-compose.yml
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
# A numeric id, so that platforms enforcing non-root containers (e.g. Kubernetes runAsNonRoot) can check it.
RUN groupadd --system --gid 10001 orderflow \
    && useradd --system --uid 10001 --gid orderflow --no-create-home --shell /usr/sbin/nologin orderflow
WORKDIR /app
ARG MODULE
# Least changing first: a source change rebuilds only the last layer.
COPY --from=build /layers/${MODULE}/dependencies/ ./
COPY --from=build /layers/${MODULE}/spring-boot-loader/ ./
COPY --from=build /layers/${MODULE}/snapshot-dependencies/ ./
COPY --from=build /layers/${MODULE}/application/ ./
USER 10001:10001
# The heap follows the container's memory limit (docker-compose.yml sets one per service); JAVA_TOOL_OPTIONS adds more.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
