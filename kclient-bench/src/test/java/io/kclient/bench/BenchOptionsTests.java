package io.kclient.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.kclient.bench.measure.FixedHeap;
import org.junit.jupiter.api.Test;

/** Which JVM the contenders run in, as the command line says. */
class BenchOptionsTests {

    @Test
    void eachContenderHasAJvmOfItsOwnByDefault() {
        assertThat(BenchOptions.parse(new String[] {"--scenario", "fast"}).contenderJvmOptions())
                .isEqualTo(FixedHeap.CONTENDER_JVM_OPTIONS);
    }

    @Test
    void theirJvmOptionsCanBeGiven() {
        String options = "-Xms2g -Xmx2g -XX:+AlwaysPreTouch -agentpath:/opt/ap.so=start";

        assertThat(BenchOptions.parse(new String[] {"--contender-jvm-options", options}).contenderJvmOptions()).isEqualTo(options);
    }

    @Test
    void sharedRunsThemInTheBrokersJvm() {
        assertThat(BenchOptions.parse(new String[] {"--contender-jvm", "shared"}).contenderJvmOptions()).isNull();
    }

    @Test
    void anythingElseIsRefusedSayingWhatIsAllowed() {
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] {"--contender-jvm", "forked"}))
                .withMessage("Invalid value forked for --contender-jvm: own or shared");
    }

    @Test
    void backlogWeighsTheBrokerWithItsContender() {
        assertThat(Scenario.backlog().measuresHeapWithBroker()).isTrue();
        assertThat(Scenario.fast().measuresHeapWithBroker()).isFalse();

        BenchOptions options = BenchOptions.parse(new String[] {"--contender-jvm", "own"});
        assertThat(options.contenderJvmOptions(Scenario.backlog())).as("backlog shares the broker's JVM").isNull();
        assertThat(options.contenderJvmOptions(Scenario.fast())).isEqualTo(FixedHeap.CONTENDER_JVM_OPTIONS);
    }
}
