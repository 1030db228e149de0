#!/usr/bin/env bash
# The kafka-init service of deploy/compose/kafka-scram.yml: makes the compose Kafka ready for services that log in.
#   1. every topic and its dead-letter topic (same partition count), plus, for each tenant of COURSEGEN_KAFKA_TENANTS,
#      course.requests.<tenant> with its .DLT and course.status.<tenant> (no Coursegen service consumes it, so no
#      .DLT): the services do not create topics (SPRING_KAFKA_ADMIN_AUTO_CREATE=false);
#   2. each principal's ACLs: exactly the table of local-platform's KafkaAccess (io.coursegen.local.KafkaAccess),
#      which platform-tests' KafkaScramComposeAgreesTest compares with the create_topic and allow_* lines below;
#   3. the SCRAM-SHA-512 credentials of the five services and of those tenants, set again on every run (a changed
#      password takes effect), last, so a principal can log in only once its ACLs exist; a tenant-* user no longer
#      in COURSEGEN_KAFKA_TENANTS loses its credential (its ACLs stay, harmless without a login);
#   4. waits until the broker knows every credential, so no service starts a moment too early (a Kafka client does
#      not retry a failed login).
# Runs as the super user (admin.sh) in the kafka container's network; every step may be repeated: docker compose
# runs it again on each `up`, which is how a tenant is added.
set -euo pipefail
# shellcheck source=deploy/compose/kafka-scram/admin.sh
. "$(dirname "$0")/admin.sh"

fail() {
  echo "kafka-init: $*" >&2
  exit 1
}

partitions=${COURSEGEN_KAFKA_PARTITIONS:-}
[[ $partitions =~ ^[1-9][0-9]*$ ]] || fail "COURSEGEN_KAFKA_PARTITIONS must be a positive number, was '$partitions'"

# Each service's SCRAM user and the variable with its password: the same variable kafka-scram.yml hands that
# service as COURSEGEN_KAFKA_SASL_PASSWORD.
declare -A passwords=(
  [gateway-service]=${COURSEGEN_KAFKA_GATEWAY_PASSWORD:-}
  [storage-service]=${COURSEGEN_KAFKA_STORAGE_PASSWORD:-}
  [outline-service]=${COURSEGEN_KAFKA_OUTLINE_PASSWORD:-}
  [content-service]=${COURSEGEN_KAFKA_CONTENT_PASSWORD:-}
  [image-service]=${COURSEGEN_KAFKA_IMAGE_PASSWORD:-}
)

# COURSEGEN_KAFKA_TENANTS=acme=<password>,globex=<password>: the tenants that use Kafka, each as the user
# tenant-<tenant>: it submits on course.requests.<tenant> and reads its courses' statuses on course.status.<tenant>.
# A tenant id as the gateway and Topics accept it.
tenants=()
IFS=',' read -ra entries <<< "${COURSEGEN_KAFKA_TENANTS:-}"
for entry in "${entries[@]}"; do
  [[ -n ${entry// /} ]] || continue
  [[ $entry == *=* ]] || fail "COURSEGEN_KAFKA_TENANTS: '${entry%%=*}' has no password (tenant=password,tenant2=password2)"
  tenant=${entry%%=*}
  [[ $tenant =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ && ! $tenant =~ (^|\.)DLT$ ]] \
    || fail "COURSEGEN_KAFKA_TENANTS: '$tenant' is not a tenant id that can name a topic"
  [[ -z ${passwords[tenant-$tenant]+set} ]] || fail "COURSEGEN_KAFKA_TENANTS names '$tenant' twice"
  tenants+=("$tenant")
  passwords[tenant-$tenant]=${entry#*=}
done

for user in "${!passwords[@]}"; do
  [[ ${passwords[$user]} =~ ^[A-Za-z0-9._~+/-]{16,}$ ]] \
    || fail "the password of $user must be at least 16 of A-Z a-z 0-9 . _ ~ + / - (e.g. openssl rand -hex 24)"
done

# 1. Topics ------------------------------------------------------------------------------------------------------

existing=$(admin kafka-topics.sh --list)

create_topic() {
  local topic
  for topic; do
    if ! grep -qxF -- "$topic" <<< "$existing"; then
      admin kafka-topics.sh --create --if-not-exists --topic "$topic" --partitions "$partitions" --replication-factor 1
    fi
  done
}

create_topic course.admitted course.admitted.DLT
create_topic course.outlined course.outlined.DLT
create_topic lesson.requested lesson.requested.DLT
create_topic image.requested image.requested.DLT
create_topic lesson.generated lesson.generated.DLT
create_topic image.generated image.generated.DLT
create_topic course.part-failed course.part-failed.DLT
create_topic course.status course.status.DLT
create_topic course.cancelled course.cancelled.DLT
# the shared intake of runs without security; here nobody may write it
create_topic course.requests course.requests.DLT
for tenant in "${tenants[@]}"; do
  create_topic "course.requests.$tenant" "course.requests.$tenant.DLT" "course.status.$tenant"
done

# 2. ACLs: ALLOW only; the broker denies everything else (allow.everyone.if.no.acl.found=false) ------------------
# Topic READ and WRITE imply DESCRIBE, group READ implies DESCRIBE. Kafka keeps an ACL added twice once.

acl() {
  local user=$1 operation=$2 type=$3 pattern=$4
  shift 4
  local resources=() name
  for name; do
    resources+=("--$type" "$name")
  done
  echo "kafka-init: allow User:$user $operation on $pattern $type $*"
  admin kafka-acls.sh --add --allow-principal "User:$user" --allow-host '*' --operation "$operation" \
    --resource-pattern-type "$pattern" "${resources[@]}" >/dev/null
}
allow_write() { local user=$1; shift; acl "$user" Write topic literal "$@"; }
allow_read() { local user=$1; shift; acl "$user" Read topic literal "$@"; }
allow_group() { local user=$1; shift; acl "$user" Read group literal "$@"; }
allow_group_prefix() { local user=$1; shift; acl "$user" Read group prefixed "$@"; }

# gateway-service: REST and Kafka intake, SSE progress; rejections on course.status. Its groups: the tenant intake
# listener's, and one per instance start for progress.
allow_write gateway-service course.status course.status.DLT
allow_read gateway-service course.status
allow_group gateway-service gateway-tenant-course-requests
allow_group_prefix gateway-service gateway-progress-

# storage-service: the course document: admits, assembles, cancels, regenerates (its part requests), reports status;
# copies each tenant's statuses to the tenant's own topic (its status feed, a group of its own)
allow_write storage-service course.status course.admitted course.cancelled lesson.requested image.requested \
  course.outlined.DLT lesson.generated.DLT image.generated.DLT course.part-failed.DLT course.status.DLT
allow_read storage-service course.outlined lesson.generated image.generated course.part-failed course.status
allow_group storage-service storage-service storage-service-webhooks storage-service-tenant-status

# the generating services: read the work topic (own group) and course.cancelled (a group per start), write the
# result (read back on start), further requests, failed parts and the dead-letter topics of what they read
allow_write outline-service course.outlined course.part-failed course.admitted.DLT course.cancelled.DLT \
  lesson.requested image.requested
allow_read outline-service course.admitted course.cancelled course.outlined
allow_group outline-service outline-service
allow_group_prefix outline-service outline-service.cancellations.

allow_write content-service lesson.generated course.part-failed lesson.requested.DLT course.cancelled.DLT
allow_read content-service lesson.requested course.cancelled lesson.generated
allow_group content-service content-service
allow_group_prefix content-service content-service.cancellations.

allow_write image-service image.generated course.part-failed image.requested.DLT course.cancelled.DLT
allow_read image-service image.requested course.cancelled image.generated
allow_group image-service image-service
allow_group_prefix image-service image-service.cancellations.

# each tenant: submits on its own intake topic and reads its own status topic, nothing else (not course.status,
# which carries every tenant's courses); the gateway reads the intake topic and dead-letters it, storage-service
# writes the status topic
for tenant in "${tenants[@]}"; do
  allow_read gateway-service "course.requests.$tenant"
  allow_write gateway-service "course.requests.$tenant.DLT"
  allow_write storage-service "course.status.$tenant"
  allow_write "tenant-$tenant" "course.requests.$tenant"
  allow_read "tenant-$tenant" "course.status.$tenant"
  # the slash cannot occur in a tenant id, so no tenant's prefix covers another's groups
  allow_group_prefix "tenant-$tenant" "tenant-$tenant/"
done

# 3. SCRAM-SHA-512 credentials ----------------------------------------------------------------------------------

mapfile -t users < <(printf '%s\n' "${!passwords[@]}" | sort)
for user in "${users[@]}"; do
  admin kafka-configs.sh --alter --entity-type users --entity-name "$user" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=${passwords[$user]}]" >/dev/null
  echo "kafka-init: SCRAM-SHA-512 credential of $user set"
done

# 4. Until the broker (not only the controller) knows them; then revoke tenants no longer configured ------------

known_users() {
  admin kafka-configs.sh --describe --entity-type users | sed -n "s/^SCRAM credential configs for user-principal '\([^']*\)'.*/\1/p"
}
for attempt in $(seq 1 30); do
  known=$(known_users)
  missing=()
  for user in "${users[@]}"; do
    grep -qxF -- "$user" <<< "$known" || missing+=("$user")
  done
  [[ ${#missing[@]} -eq 0 ]] && break
  [[ $attempt -lt 30 ]] || fail "the broker does not know the credentials of ${missing[*]}"
  sleep 1
done
while read -r user; do
  if [[ $user == tenant-* && -z ${passwords[$user]+set} ]]; then
    admin kafka-configs.sh --alter --entity-type users --entity-name "$user" --delete-config SCRAM-SHA-512 >/dev/null
    echo "kafka-init: $user is not in COURSEGEN_KAFKA_TENANTS: its credential is deleted"
  fi
done <<< "$known"

echo "kafka-init: done: ${#users[@]} users, tenants: ${tenants[*]:-none}"
