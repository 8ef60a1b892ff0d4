package io.kclient.protobuf.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with Protobuf handlers: nothing to register, kclient-protobuf is on the class path. */
@SpringBootApplication
public class ProtobufApplication {
}
