package org.tongban.adapters.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdapterRegistryTest {
    /** A test factory. */
    public static final class First implements AdapterFactory {
        @Override
        public String type() {
            return "twin";
        }

        @Override
        public PlatformAdapter create(AdapterContext context) {
            throw new UnsupportedOperationException();
        }
    }

    /** Another test factory claiming the same type. */
    public static final class Impostor implements AdapterFactory {
        @Override
        public String type() {
            return "twin";
        }

        @Override
        public PlatformAdapter create(AdapterContext context) {
            throw new UnsupportedOperationException();
        }
    }

    /** A test factory with no type. */
    public static final class Nameless implements AdapterFactory {
        @Override
        public String type() {
            return " ";
        }

        @Override
        public PlatformAdapter create(AdapterContext context) {
            throw new UnsupportedOperationException();
        }
    }

    private static ClassLoader withServices(Path dir, String... classes) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(AdapterFactory.class.getName()), String.join("\n", classes) + "\n");
        return new URLClassLoader(new URL[]{dir.toUri().toURL()}, AdapterRegistryTest.class.getClassLoader());
    }

    @Test
    void factories_are_found_by_type(@TempDir Path dir) throws Exception {
        AdapterRegistry registry = AdapterRegistry.load(withServices(dir, First.class.getName()));

        assertThat(registry.factory("twin")).containsInstanceOf(First.class);
        assertThat(registry.factory("nope")).isEmpty();
    }

    @Test
    void two_factories_with_one_type_fail_naming_both(@TempDir Path dir) throws Exception {
        ClassLoader loader = withServices(dir, First.class.getName(), Impostor.class.getName());

        assertThatThrownBy(() -> AdapterRegistry.load(loader))
                .isInstanceOf(AdapterConfigException.class)
                .hasMessageContaining("two adapters declare type 'twin'")
                .hasMessageContaining(First.class.getName())
                .hasMessageContaining(Impostor.class.getName());
    }

    @Test
    void a_factory_without_a_type_fails(@TempDir Path dir) throws Exception {
        ClassLoader loader = withServices(dir, Nameless.class.getName());

        assertThatThrownBy(() -> AdapterRegistry.load(loader)).hasMessageContaining(Nameless.class.getName())
                .hasMessageContaining("declares no type");
    }
}
