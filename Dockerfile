# Cairn: one image for the operator and the mover (and Volsync's controller, as its restic mover).
#   docker build -t cairn .
#   docker run --rm cairn version
# The runtime image is non-root and works with a read-only root filesystem: it writes only
# under /tmp, /cache (RESTIC_CACHE_DIR) and the data volume. Its class-data archive is made
# here, at build time, because the jar's directory is read-only at run time.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY engine/pom.xml engine/pom.xml
COPY operator/pom.xml operator/pom.xml
COPY cli/pom.xml cli/pom.xml
RUN mvn -B -q -pl engine,operator,cli -am dependency:go-offline
COPY engine engine
COPY operator operator
COPY cli cli
RUN mvn -B -q -pl engine,operator,cli -am -DskipTests package

FROM eclipse-temurin:17-jre
ENV LANG=C.UTF-8 \
    CAIRN_JAR=/opt/cairn/cairn.jar \
    PATH=/opt/cairn/bin:$PATH
COPY --from=build /src/cli/target/cairn.jar /opt/cairn/cairn.jar
COPY bin/cairn /opt/cairn/bin/cairn
COPY deploy/image/mover-restic/entry.sh /mover-restic/entry.sh
# bin/cairn writes its class-data archives next to the jar on first use: here, once, both the
# one for local and REST repositories and the one for S3 repositories
RUN chmod 0755 /opt/cairn/bin/cairn /mover-restic/entry.sh \
    && cairn version && cairn -r s3:archive-training version \
    && ls /opt/cairn/cairn-cds-local-*.jsa /opt/cairn/cairn-cds-s3-*.jsa \
    && mkdir -p /cache /data && chmod 1777 /cache
USER 65532:65532
WORKDIR /tmp
ENTRYPOINT ["cairn"]
CMD ["--help"]
