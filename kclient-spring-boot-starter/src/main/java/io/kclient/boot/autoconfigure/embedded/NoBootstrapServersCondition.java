package io.kclient.boot.autoconfigure.embedded;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when neither {@code kclient.bootstrap-servers} nor {@code spring.kafka.bootstrap-servers} is set. */
class NoBootstrapServersCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        for (String name : new String[] {"kclient.bootstrap-servers", "spring.kafka.bootstrap-servers"}) {
            if (StringUtils.hasText(context.getEnvironment().getProperty(name))) {
                return ConditionOutcome.noMatch(name + " is set");
            }
        }
        return ConditionOutcome.match("no bootstrap servers are configured");
    }
}
