/**
 * Payload conversion by the handler's declared type: bytes in, typed values out, and back. The
 * type always comes from a method signature, never from the message.
 */
package io.kclient.convert;
