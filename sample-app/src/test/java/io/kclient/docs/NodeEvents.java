package io.kclient.docs;

import io.kclient.Message;
import io.kclient.RecordCoordinates;
import io.kclient.annotation.InputConsumer;
import io.kclient.annotation.KafkaHandlers;
import io.kclient.annotation.KafkaMetadata;

@KafkaHandlers
public class NodeEvents {

    // the exchange: each reading goes to the topic its routing key names, node.<type>.<id>
    @InputConsumer(topic = "readings")
    public Message<Reading> route(Reading reading) {
        return Message.of(reading).topic("node." + reading.type() + "." + reading.id());
    }

    // binding node.sensor.* : every sensor, in a consumer group (a queue) of its own
    @InputConsumer(topicPattern = "node\\.sensor\\.[^.]+", groupId = "sensor-dashboard")
    public void onSensor(Reading reading, @KafkaMetadata RecordCoordinates where) {
        // where.topic() is the routing key: node.sensor.7
    }

    // binding node.# : everything, in another group, so it gets its own copy
    @InputConsumer(topicPattern = "node\\..+", groupId = "audit")
    public void audit(Reading reading) {
    }
}
