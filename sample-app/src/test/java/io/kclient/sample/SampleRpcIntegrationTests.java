package io.kclient.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kclient.rpc.RemoteHandlerException;
import io.kclient.rpc.RpcClient;
import io.kclient.sample.animals.Cat;
import io.kclient.sample.animals.Dog;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter's RpcClient bean calling the sample's own handler: the dog's cat comes back as the
 * reply, a rejected dog as a RemoteHandlerException, and the client closes with the context.
 */
class SampleRpcIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theRpcClientBeanCallsAHandlerAndClosesWithTheContext() {
        RpcClient rpc;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class).run(
                OnSharedKafka.arguments("rpc", "--server.port=0", "--kclient.rpc.reply-topic=rpc.replies"))) {
            rpc = app.getBean(RpcClient.class);

            Cat cat = rpc.call("rpc.dogs", "d1", new Dog("d1", "Rex", 3), Cat.class, WAIT);

            assertThat(cat.id()).isEqualTo("d1");
            assertThat(rpc.replyTopic()).isEqualTo("rpc.replies");
            assertThatThrownBy(() -> rpc.call("rpc.dogs", "nobody", new Dog(" ", "Rex", 3), Cat.class, WAIT))
                    .isInstanceOfSatisfying(RemoteHandlerException.class, e -> {
                        assertThat(e.remoteExceptionClass()).isEqualTo(IllegalArgumentException.class.getName());
                        assertThat(e.remoteMessage()).isEqualTo("a dog needs an id");
                    });
        }
        assertThat(rpc.cast("rpc.dogs", "d2", new Dog("d2", "Fido", 5))).failsWithin(Duration.ofSeconds(5))
                .withThrowableThat().withMessageContaining("The RpcClient is closed");
    }
}
