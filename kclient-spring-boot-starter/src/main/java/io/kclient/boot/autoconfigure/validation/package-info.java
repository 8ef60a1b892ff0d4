/** Validation of {@code @Valid} handler payloads with Jakarta Bean Validation, when the application has a validator. */
package io.kclient.boot.autoconfigure.validation;
