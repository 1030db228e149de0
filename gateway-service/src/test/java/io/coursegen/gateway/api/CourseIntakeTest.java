package io.coursegen.gateway.api;

import io.coursegen.gateway.WithEmbeddedKafka;

@WithEmbeddedKafka
class CourseIntakeTest extends CourseIntakeScenario {
}
