package io.kclient;

/** The life of a handler container. */
public enum ContainerState {
    /** Built, not started. */
    CREATED,
    /** Polling and handling records. */
    RUNNING,
    /** Polling (so it keeps its partitions) but fetching nothing, on an operator's request. */
    PAUSED,
    /** Draining in-flight records before it commits and leaves the group. */
    STOPPING,
    /** Stopped; may be started again. */
    STOPPED,
    /** Its poll loop died of an error it cannot recover from; see the log. */
    FAILED
}
