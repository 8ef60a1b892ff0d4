/**
 * The README's Java examples, compiled with the tests; {@link io.kclient.readme.ReadmeExamplesTests}
 * checks that every Java block of the README stands here word for word.
 */
package io.kclient.readme;
