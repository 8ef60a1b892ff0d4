/** The {@code rpc} scenario: sequential request/reply round trips through KClient's RpcClient and a replying handler. */
package io.kclient.bench.rpc;
