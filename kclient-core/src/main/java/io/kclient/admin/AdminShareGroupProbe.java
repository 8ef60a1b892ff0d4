package io.kclient.admin;

import io.kclient.listener.ShareGroupProbe;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A share group's lag (per partition, as the broker computes it since Kafka 4.2) and member
 * count, through the admin client: two asynchronous requests to the group coordinator.
 */
public final class AdminShareGroupProbe implements ShareGroupProbe {

    private final Supplier<Admin> admin;
    private final String groupId;

    public AdminShareGroupProbe(Supplier<Admin> admin, String groupId) {
        this.admin = admin;
        this.groupId = groupId;
    }

    @Override
    public CompletionStage<Backlog> probe() {
        Admin client = admin.get();
        CompletionStage<Map<TopicPartition, Long>> lag = client
                .listShareGroupOffsets(Map.of(groupId, new ListShareGroupOffsetsSpec())).partitionsToOffsetInfo(groupId)
                .toCompletionStage().thenApply(AdminShareGroupProbe::lag);
        CompletionStage<ShareGroupDescription> group = client.describeShareGroups(List.of(groupId)).describedGroups()
                .get(groupId).toCompletionStage();
        return lag.thenCombine(group, (behind, description) -> new Backlog(behind, description.members().size()));
    }

    /** Partitions whose lag the broker knows; one without (an older broker, or no record yet) is left out. */
    private static Map<TopicPartition, Long> lag(Map<TopicPartition, SharePartitionOffsetInfo> offsets) {
        return offsets.entrySet().stream().filter(entry -> entry.getValue() != null && entry.getValue().lag().isPresent())
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().lag().get()));
    }
}
