package io.kclient.docs;

import io.kclient.rpc.RemoteHandlerException;
import io.kclient.rpc.RpcClient;
import io.kclient.rpc.RpcTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

@Component
public class AdoptionDesk {

    private final RpcClient rpc;                     // the starter's bean

    public AdoptionDesk(RpcClient rpc) {
        this.rpc = rpc;
    }

    public Cat adopt(Dog dog) {
        try {
            return rpc.call("adoptions", dog.id(), dog, Cat.class, Duration.ofSeconds(5));
        } catch (RemoteHandlerException e) {        // the handler threw, after its retries
            throw new IllegalStateException("refused: " + e.remoteExceptionClass() + ": " + e.remoteMessage(), e);
        } catch (RpcTimeoutException e) {           // no reply within 5 s
            throw new IllegalStateException("the adoption service did not answer", e);
        }
    }

    public CompletableFuture<Cat> adoptLater(Dog dog) {
        return rpc.callAsync("adoptions", dog.id(), dog, Cat.class, Duration.ofSeconds(5));
    }

    public void announce(Dog dog) {
        rpc.cast("dogs", dog.id(), dog);             // no reply: AnimalsHandler's cat goes to "cats" as usual
    }
}
