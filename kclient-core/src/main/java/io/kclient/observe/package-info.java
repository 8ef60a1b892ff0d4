/**
 * What the engine tells the outside about its handlers while they run: the {@link
 * io.kclient.observe.HandlerObserver} callbacks a metrics library implements. The package
 * depends on nothing else of KClient, so an adapter for Micrometer (or any other library) needs
 * nothing of the engine's internals, and the engine nothing of the library.
 */
package io.kclient.observe;
