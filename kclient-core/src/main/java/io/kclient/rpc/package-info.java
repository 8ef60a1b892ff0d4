/**
 * Request/reply over Kafka: {@link io.kclient.rpc.RpcClient} sends a request to a handler's topic
 * and completes a future when the handler's reply comes back on the client's own reply topic;
 * {@link io.kclient.rpc.RpcHeaders} is the wire protocol both sides share. The handler side needs
 * nothing here: the engine sends a handler's return value to the reply topic a request names.
 */
package io.kclient.rpc;
