package io.kclient.readme;

public record Reading(String type, String id, double value) {
}
