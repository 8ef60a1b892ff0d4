package io.kclient.docs;

public record Reading(String type, String id, double value) {
}
