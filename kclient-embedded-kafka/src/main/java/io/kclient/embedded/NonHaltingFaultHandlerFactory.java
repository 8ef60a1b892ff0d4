package io.kclient.embedded;

import kafka.server.FaultHandlerFactory;
import org.apache.kafka.server.fault.FaultHandler;
import org.apache.kafka.server.fault.LoggingFaultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault handlers for an in-process node. A standalone Kafka server halts the JVM on a fatal fault;
 * here the JVM is the application or the test run, so the fault is logged and the node is left for
 * the caller to stop or restart.
 */
final class NonHaltingFaultHandlerFactory implements FaultHandlerFactory {

    private static final Logger logger = LoggerFactory.getLogger(NonHaltingFaultHandlerFactory.class);

    private final int nodeId;

    NonHaltingFaultHandlerFactory(int nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public FaultHandler build(String name, boolean fatal, Runnable action) {
        if (!fatal) {
            return new LoggingFaultHandler(name, action);
        }
        return (failureMessage, cause) -> {
            logger.error("Fatal fault in embedded Kafka node {} ({}): {}. The node may no longer work; "
                    + "stop and restart it.", this.nodeId, name, failureMessage, cause);
            action.run();
            return new IllegalStateException("Fatal fault in embedded Kafka node " + this.nodeId + ": " + failureMessage, cause);
        };
    }
}
