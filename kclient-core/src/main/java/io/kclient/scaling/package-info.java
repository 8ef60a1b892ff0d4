/**
 * The autoscaling signal: how many instances a handler needs, estimated from what one instance
 * measures (records completed, busy workers, backlog) over a sliding window. Pure computation,
 * with no Kafka client in it: the containers feed it samples.
 */
package io.kclient.scaling;
