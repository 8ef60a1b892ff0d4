package io.kclient.spring.annotation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/** Turns {@link KafkaHandlersScan} into the packages of a {@link KafkaHandlersRegisteringPostProcessor}. */
class KafkaHandlersScanRegistrar implements ImportBeanDefinitionRegistrar {

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        AnnotationAttributes attributes = AnnotationAttributes.fromMap(
                metadata.getAnnotationAttributes(KafkaHandlersScan.class.getName()));
        Set<String> packages = new LinkedHashSet<>(List.of(attributes.getStringArray("basePackages")));
        for (Class<?> type : attributes.getClassArray("basePackageClasses")) {
            packages.add(type.getPackageName());
        }
        if (packages.isEmpty()) {
            packages.add(ClassUtils.getPackageName(metadata.getClassName()));
        }
        KafkaHandlersRegisteringPostProcessor.register(registry, packages);
    }
}
