package io.kclient.avro;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** A generic type as a value: {@code new TypeOf<List<AvroDog>>() { }.type()}. */
abstract class TypeOf<T> {

    Type type() {
        return ((ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];
    }
}
