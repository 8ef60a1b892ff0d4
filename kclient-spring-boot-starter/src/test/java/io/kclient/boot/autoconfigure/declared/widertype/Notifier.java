package io.kclient.boot.autoconfigure.declared.widertype;

/** The type a {@code @Bean} method declares instead of the handler class. */
public interface Notifier {

    void notifyAll(String text);
}
