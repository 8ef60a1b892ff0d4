/** The handlers: KClient's animals example. */
package io.kclient.sample.animals;
