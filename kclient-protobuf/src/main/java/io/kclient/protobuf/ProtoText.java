package io.kclient.protobuf;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.Locale;

/**
 * The {@code .proto} definition a generated message came from, rebuilt from its descriptor (the
 * file's messages and enums, types named in full), for documents that show payload schemas.
 * Options and comments are not in a descriptor, so they are not here.
 */
final class ProtoText {

    private final StringBuilder out = new StringBuilder();

    private ProtoText() {
    }

    /** The file that defines {@code message}, as {@code .proto} text. */
    static String of(Descriptor message) {
        ProtoText text = new ProtoText();
        text.file(message.getFile());
        return text.out.toString();
    }

    private void file(FileDescriptor file) {
        FileDescriptorProto proto = file.toProto();
        String syntax = isProto2(proto) ? "proto2" : proto.getSyntax();
        if (syntax.equals("editions")) {
            out.append("edition = \"").append(proto.getEdition().name().replace("EDITION_", "")).append("\";\n");
        } else {
            out.append("syntax = \"").append(syntax).append("\";\n");
        }
        if (!file.getPackage().isEmpty()) {
            out.append("\npackage ").append(file.getPackage()).append(";\n");
        }
        file.getDependencies().forEach(dependency -> out.append("import \"").append(dependency.getName()).append("\";\n"));
        file.getMessageTypes().forEach(message -> message(message, ""));
        file.getEnumTypes().forEach(type -> enumType(type, ""));
    }

    private void message(Descriptor message, String indent) {
        out.append('\n').append(indent).append("message ").append(message.getName()).append(" {\n");
        String inner = indent + "  ";
        for (FieldDescriptor field : message.getFields()) {
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof == null) {
                field(field, inner);
            } else if (oneof.getField(0) == field) {
                out.append(inner).append("oneof ").append(oneof.getName()).append(" {\n");
                oneof.getFields().forEach(member -> field(member, inner + "  "));
                out.append(inner).append("}\n");
            }
        }
        message.getNestedTypes().stream().filter(nested -> !nested.getOptions().getMapEntry())
                .forEach(nested -> message(nested, inner));
        message.getEnumTypes().forEach(type -> enumType(type, inner));
        out.append(indent).append("}\n");
    }

    private void field(FieldDescriptor field, String indent) {
        out.append(indent);
        if (field.isMapField()) {
            Descriptor entry = field.getMessageType();
            out.append("map<").append(typeOf(entry.findFieldByName("key"))).append(", ")
                    .append(typeOf(entry.findFieldByName("value"))).append('>');
        } else {
            if (field.isRepeated()) {
                out.append("repeated ");
            } else if (field.isRequired()) {
                out.append("required ");
            } else if (field.getRealContainingOneof() == null
                    && (field.getContainingOneof() != null || isProto2(field.getFile().toProto()))) {
                out.append("optional "); // proto3's optional lives in a synthetic oneof; proto2 says it of every field
            }
            out.append(typeOf(field));
        }
        out.append(' ').append(field.getName()).append(" = ").append(field.getNumber()).append(";\n");
    }

    private static boolean isProto2(FileDescriptorProto file) {
        return file.getSyntax().isEmpty() || file.getSyntax().equals("proto2");
    }

    private static String typeOf(FieldDescriptor field) {
        return switch (field.getType()) {
            case MESSAGE, GROUP -> "." + field.getMessageType().getFullName();
            case ENUM -> "." + field.getEnumType().getFullName();
            default -> field.getType().name().toLowerCase(Locale.ROOT);
        };
    }

    private void enumType(EnumDescriptor type, String indent) {
        out.append('\n').append(indent).append("enum ").append(type.getName()).append(" {\n");
        for (EnumValueDescriptor value : type.getValues()) {
            out.append(indent).append("  ").append(value.getName()).append(" = ").append(value.getNumber()).append(";\n");
        }
        out.append(indent).append("}\n");
    }
}
