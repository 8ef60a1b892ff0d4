package io.kclient.bench.fork;

import static org.assertj.core.api.Assertions.assertThat;

import io.kclient.bench.contender.ContenderContext;
import io.kclient.bench.measure.RunUsage;
import io.kclient.bench.model.DogToCat;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the benchmark's JVM tells a contender's JVM arrives whole, and what it measured comes back whole. */
class HostProtocolTests {

    @Test
    void aStartCommandCarriesTheWholeContext() {
        ContenderContext sent = new ContenderContext("localhost:9092,localhost:9093", "bench-x-fast-round2-dogs",
                "bench-x-fast-round2-cats-kclient-key", "bench-x-fast-round2-kclient-key", 6, 64, 20_000,
                new DogToCat(Duration.ofMillis(5)));

        String[] fields = HostProtocol.fields(HostProtocol.start(sent));
        ContenderContext received = HostProtocol.context(fields);

        assertThat(fields[0]).isEqualTo(HostProtocol.START);
        assertThat(received).usingRecursiveComparison().ignoringFields("work").isEqualTo(sent);
        assertThat(received.work().delay()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void aUsageReplyCarriesEveryFigure() {
        RunUsage measured = new RunUsage(9.25, 2.5, 3.125, 700L << 20, 55L << 20);

        String[] fields = HostProtocol.fields(HostProtocol.usage(measured));

        assertThat(fields[0]).isEqualTo(HostProtocol.DONE);
        assertThat(HostProtocol.usage(fields)).isEqualTo(measured);
    }

    @Test
    void aLineNeverSpansTwo() {
        String line = HostProtocol.line(HostProtocol.ERROR, "java.lang.IllegalStateException: first\nsecond");

        assertThat(line).doesNotContain("\n");
        assertThat(HostProtocol.fields(line)).containsExactly(HostProtocol.ERROR, "java.lang.IllegalStateException: first second");
    }
}
