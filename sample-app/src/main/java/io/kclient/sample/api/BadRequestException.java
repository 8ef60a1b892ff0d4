package io.kclient.sample.api;

/** The request is malformed (invalid JSON, bad parameter): 400. */
class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }
}
