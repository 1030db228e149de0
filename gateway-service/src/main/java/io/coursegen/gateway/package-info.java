/**
 * The public front door of Coursegen: it authenticates tenants by API key, validates course requests and
 * hands them to storage-service (the only owner of course data, which decides that a course exists), forwards
 * reads there and streams progress from {@code course.status}. It keeps no course state of its own, so
 * any number of instances can run side by side.
 */
package io.coursegen.gateway;
