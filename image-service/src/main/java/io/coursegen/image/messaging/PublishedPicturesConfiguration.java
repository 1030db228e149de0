package io.coursegen.image.messaging;

import io.coursegen.contracts.Topics;
import io.coursegen.kafka.ProvenanceCheck;
import io.coursegen.kafka.PublishedParts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class PublishedPicturesConfiguration {

    /** The pictures already on {@code image.generated}, by course, picture and revision. */
    @Bean
    PublishedParts publishedPictures(ConsumerFactory<?, ?> consumers, ProvenanceCheck provenance, JsonMapper json) {
        return PublishedParts.of(Topics.IMAGE_GENERATED, picture -> ImageRequestListener.partId(
                picture.path("imageId").asString()), consumers, provenance, json);
    }
}
