package io.kclient;

/** Which records of a handler its workers may run at the same time. */
public enum Ordering {

    /** Records of one key one at a time, in offset order; different keys in parallel. The default. */
    KEY,

    /** Records of one partition one at a time, in offset order. */
    PARTITION,

    /** Any record on any worker: the most parallel, no order. */
    NONE
}
