/**
 * The built-in ops view: {@code GET /ops} is a page, and {@code GET /ops/metrics} the JSON it polls, with the
 * pipeline's throughput, stage and course latencies, courses in flight and failed, model calls and estimated
 * spend, dead letters and Kafka consumer lag. For the local run, where no Prometheus or Grafana is present, it
 * reads the same {@code /actuator/prometheus} text every service exports to Prometheus (the gateway's own from
 * its registry), so the page and the dashboards never disagree about what a metric means. It is served where
 * actuator is ({@link io.coursegen.gateway.ops.OpsEndpoints}): on {@code management.server.port} when one is set
 * (docker-compose.yml and deploy/k8s set it, and point the scrapes at the other services' management ports),
 * on the main port otherwise. It needs no key: it shows aggregates over all tenants, never a tenant, a course
 * or a prompt.
 */
package io.coursegen.gateway.ops;
