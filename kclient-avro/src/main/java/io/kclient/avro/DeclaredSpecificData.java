package io.kclient.avro;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The Avro model a handler's declared class is read with: the class's own model (its logical type
 * conversions), except that the classes its schema names are trusted. Avro refuses to load a class
 * named in a schema unless a system property trusts its package, which keeps a message from naming
 * a class; here the schema is the one generated into the class the handler declares, so the
 * classes it names are the developer's choice, as the declared class is. Any other name is left to
 * Avro's own check.
 */
final class DeclaredSpecificData extends SpecificData {

    private final Set<String> declaredNames = new HashSet<>();
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    DeclaredSpecificData(Class<?> declared) {
        super(declared.getClassLoader());
        SpecificData.getForClass(declared).getConversions().forEach(this::addLogicalTypeConversion);
        collectNames(getSchema(declared));
    }

    private void collectNames(Schema schema) {
        switch (schema.getType()) {
            case RECORD -> {
                if (declaredNames.add(schema.getFullName())) {
                    schema.getFields().forEach(field -> collectNames(field.schema()));
                }
            }
            case ENUM, FIXED -> declaredNames.add(schema.getFullName());
            case ARRAY -> collectNames(schema.getElementType());
            case MAP -> collectNames(schema.getValueType());
            case UNION -> schema.getTypes().forEach(this::collectNames);
            default -> {
            }
        }
    }

    @Override
    public Class getClass(Schema schema) {
        String name = schema.getFullName();
        if (name == null || !declaredNames.contains(name)) {
            return super.getClass(schema);
        }
        return classes.computeIfAbsent(name, n -> {
            try {
                return Class.forName(getClassName(schema), false, getClassLoader());
            } catch (ClassNotFoundException e) {
                return super.getClass(schema); // a nested class: Avro's own lookup knows the ways to name it
            }
        });
    }
}
