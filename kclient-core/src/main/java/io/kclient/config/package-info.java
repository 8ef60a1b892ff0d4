/**
 * The handler model: endpoints (what a handler consumes, how it runs, where its output goes),
 * read from annotations or built by hand, and the engine-wide defaults they fall back on.
 */
package io.kclient.config;
