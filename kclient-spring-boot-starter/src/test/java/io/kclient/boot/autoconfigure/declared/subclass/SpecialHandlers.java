package io.kclient.boot.autoconfigure.declared.subclass;

/** A {@link BaseHandlers} with its handler, inherited. */
public class SpecialHandlers extends BaseHandlers {
}
