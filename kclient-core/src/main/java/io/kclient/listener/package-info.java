/**
 * The engine: one container per handler, owning a consumer's poll loop, a pool of workers that
 * keep the handler's ordering mode, per-partition offset tracking, backpressure, retries (in
 * process, or through delayed retry topics), dead-lettering and, for exactly-once handlers, one
 * transaction per poll batch; or, for a work queue, a share consumer's loop that acknowledges each
 * record on its own. It sees handlers only as {@link io.kclient.listener.RecordHandler}s and imports
 * nothing from {@code io.kclient.annotation}.
 */
package io.kclient.listener;
