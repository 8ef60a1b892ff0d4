/**
 * Turns a record into a method call and the call's result into records: argument resolvers (one
 * per kind of parameter), the reflective invocation, output publishing, and error handlers.
 */
package io.kclient.handler;
