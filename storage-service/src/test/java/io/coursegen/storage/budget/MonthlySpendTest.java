package io.coursegen.storage.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.YearMonth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** A tenant's month against a MongoDB-wire server, as every storage instance changes it. */
class MonthlySpendTest {

    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);

    private MongoServer server;
    private MongoClient client;
    private MonthlySpend spend;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        spend = new MonthlySpend(new ReactiveMongoTemplate(client, "spend-test"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void reservesWithinTheBudgetAndRefusesWhatWouldPassIt() {
        assertThat(spend.reserve("acme", DECEMBER, 600_000, 1_000_000).block()).isTrue();
        assertThat(spend.reserve("acme", DECEMBER, 400_000, 1_000_000).block()).isTrue();

        assertThat(spend.reserve("acme", DECEMBER, 1, 1_000_000).block()).isFalse();
        assertThat(spend.of("acme", DECEMBER).block()).isEqualTo(new MonthlySpend.Account(1_000_000, 0));
        assertThat(spend.reserve("acme", DECEMBER.plusMonths(1), 1_000_000, 1_000_000).block()).isTrue();
        assertThat(spend.reserve("globex", DECEMBER, 1_000_000, 1_000_000).block()).isTrue();
    }

    @Test
    void aCourseOfAFreeModelReservesNothingAndIsStillTaken() {
        assertThat(spend.reserve("acme", DECEMBER, 0, 1_000_000).block()).isTrue();
        assertThat(spend.reserve("acme", DECEMBER, 0, 0).block()).isTrue();
        assertThat(spend.of("acme", DECEMBER).block()).isEqualTo(new MonthlySpend.Account(0, 0));
    }

    @Test
    void settlingReleasesTheReservationAndChargesTheRealCostSoTheRestIsFreeAgain() {
        spend.reserve("acme", DECEMBER, 700_000, 1_000_000).block();

        spend.settle("acme", DECEMBER, 700_000, 250_000).block();

        assertThat(spend.of("acme", DECEMBER).block()).isEqualTo(new MonthlySpend.Account(0, 250_000));
        assertThat(spend.reserve("acme", DECEMBER, 750_000, 1_000_000).block()).isTrue();
        assertThat(spend.reserve("acme", DECEMBER, 1, 1_000_000).block()).isFalse();
    }
}
