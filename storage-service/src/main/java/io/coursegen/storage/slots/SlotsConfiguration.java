package io.coursegen.storage.slots;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.scheduler.Schedulers;

@Configuration(proxyBeanMethods = false)
class SlotsConfiguration {

    /** Renewals are timers that only start a MongoDB update, so the shared parallel scheduler is enough. */
    @Bean
    TenantSlots tenantSlots(ReactiveMongoTemplate mongo) {
        return new TenantSlots(mongo, Clock.systemUTC(), Schedulers.parallel());
    }
}
