# Sourced by init.sh and by the kafka service's healthcheck (deploy/compose/kafka-scram.yml): defines
#   admin <tool> <arguments...>
# which runs one of Kafka's command-line tools (kafka-topics.sh, kafka-acls.sh, kafka-configs.sh) as the super user
# User:coursegen-admin, over SASL/PLAIN on the broker's INTERNAL listener. That listener is bound to the kafka
# container's loopback only; init.sh reaches it because its container shares the kafka container's network.
# The password comes from COURSEGEN_KAFKA_ADMIN_PASSWORD and is written to a file only this user can read, which
# is removed when the calling shell exits.

if [[ ! ${COURSEGEN_KAFKA_ADMIN_PASSWORD:-} =~ ^[A-Za-z0-9._~+/-]{16,}$ ]]; then
  echo "COURSEGEN_KAFKA_ADMIN_PASSWORD must be at least 16 of A-Z a-z 0-9 . _ ~ + / - (e.g. openssl rand -hex 24)" >&2
  exit 1
fi

admin_config=$(mktemp)
trap 'rm -f "$admin_config"' EXIT
printf '%s\n' \
  'security.protocol=SASL_PLAINTEXT' \
  'sasl.mechanism=PLAIN' \
  "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"coursegen-admin\" password=\"${COURSEGEN_KAFKA_ADMIN_PASSWORD}\";" \
  > "$admin_config"

admin() {
  local tool=$1
  shift
  # a small heap for the tool's JVM, which would otherwise inherit the broker's KAFKA_HEAP_OPTS
  KAFKA_HEAP_OPTS=-Xmx64m "/opt/kafka/bin/$tool" --bootstrap-server 127.0.0.1:9094 --command-config "$admin_config" "$@"
}
