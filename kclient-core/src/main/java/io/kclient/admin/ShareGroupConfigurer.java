package io.kclient.admin;

import io.kclient.KClientConfigurationException;
import io.kclient.config.HandlerEndpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives KClient's share groups the reading a consumer-group handler has: from the earliest record
 * (a new handler misses nothing already sent) and committed records only (an aborted
 * transaction's output is never input). A share group reads these from group configuration on
 * the broker, not from its consumers, and defaults to the latest, uncommitted records. A value an
 * operator set on the group is kept.
 */
final class ShareGroupConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ShareGroupConfigurer.class);

    static final Map<String, String> READING = Map.of(
            "share.auto.offset.reset", "earliest",
            "share.isolation.level", "read_committed");

    private final long timeoutMillis;

    ShareGroupConfigurer(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Sets {@link #READING} on each of {@code groups} where an operator did not.
     *
     * @throws KClientConfigurationException if the cluster refuses, naming the likely cause
     * @throws ExecutionException if authentication failed, for the caller to report as for any admin call
     */
    void configure(Admin admin, Map<String, HandlerEndpoint> groups) throws InterruptedException, ExecutionException, TimeoutException {
        if (groups.isEmpty()) {
            return;
        }
        try {
            refuseGroupsOfAnotherKind(admin, groups);
            setReading(admin, groups.keySet());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException) {
                throw e;
            }
            throw new KClientConfigurationException("Could not configure share groups " + groups.keySet() + " (" + READING + "): "
                    + e.getCause().getMessage() + ". Share groups need Kafka 4.2 or later with share groups on (feature "
                    + "share.version=1) and, with ACLs, DESCRIBE_CONFIGS and ALTER_CONFIGS on the groups", e.getCause());
        }
    }

    /** A group id belongs to one kind of group: a share consumer cannot join a consumer group's. */
    private void refuseGroupsOfAnotherKind(Admin admin, Map<String, HandlerEndpoint> groups)
            throws InterruptedException, ExecutionException, TimeoutException {
        ListGroupsOptions otherKinds = new ListGroupsOptions().withTypes(Set.of(GroupType.CONSUMER, GroupType.CLASSIC, GroupType.STREAMS));
        for (GroupListing group : admin.listGroups(otherKinds).all().get(timeoutMillis, TimeUnit.MILLISECONDS)) {
            HandlerEndpoint handler = groups.get(group.groupId());
            if (handler != null) {
                throw new KClientConfigurationException(handler.describe() + " consumes in share group '" + group.groupId()
                        + "', but the cluster has a " + group.type().map(Object::toString).orElse("consumer").toLowerCase(Locale.ROOT)
                        + " group of that id, and a group id belongs to one kind of group: give the handler a group of its own "
                        + "(@InputConsumer(groupId = ...) or kclient.handlers[" + handler.id() + "].group-id), or delete the old group");
            }
        }
    }

    private void setReading(Admin admin, Collection<String> groups) throws InterruptedException, ExecutionException, TimeoutException {
        List<ConfigResource> resources = groups.stream().map(group -> new ConfigResource(ConfigResource.Type.GROUP, group)).toList();
        Map<ConfigResource, Config> current = admin.describeConfigs(resources).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (ConfigResource group : resources) {
            List<AlterConfigOp> unset = new ArrayList<>();
            READING.forEach((name, value) -> {
                ConfigEntry entry = current.get(group).get(name);
                if (entry == null || entry.source() != ConfigEntry.ConfigSource.DYNAMIC_GROUP_CONFIG) {
                    unset.add(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET));
                }
            });
            if (!unset.isEmpty()) {
                changes.put(group, unset);
            }
        }
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
            log.info("Share groups {} read from the earliest record, committed records only", groups);
        }
    }
}
