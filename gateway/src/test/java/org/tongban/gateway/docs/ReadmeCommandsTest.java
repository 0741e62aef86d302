package org.tongban.gateway.docs;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's {@code exec:java} commands run what they say. A load tool's command names its
 * class with {@code -Dexec.mainClass}; that works only while the build's exec plugin takes its
 * main class from that property (a main class written into the plugin's configuration once made
 * both load-tool commands run the gateway's command line instead).
 */
class ReadmeCommandsTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern MAIN_CLASS = Pattern.compile("-Dexec\\.mainClass=([\\w.$]+)");

    @Test
    void the_exec_plugin_runs_the_class_the_exec_main_class_property_names() throws Exception {
        Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile()).getDocumentElement();
        Element build = child(pom, "build");
        Element plugins = child(build, "plugins");
        String configured = null;
        for (Element plugin : children(plugins, "plugin")) {
            if ("exec-maven-plugin".equals(text(child(plugin, "artifactId")))) {
                configured = text(child(child(plugin, "configuration"), "mainClass"));
            }
        }
        assertThat(configured).as("the exec plugin's mainClass in the root pom's build").isEqualTo("${exec.mainClass}");
        String byDefault = text(child(child(pom, "properties"), "exec.mainClass"));
        assertThat(byDefault).isEqualTo("org.tongban.gateway.Main");
        assertHasMain(byDefault);
    }

    @Test
    void every_main_class_the_readme_names_exists_with_a_main_method() throws Exception {
        List<String> named = new ArrayList<>();
        Matcher m = MAIN_CLASS.matcher(Files.readString(ROOT.resolve("README.md")));
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).as("the load tools' commands").contains("org.tongban.gateway.load.LoadTool",
                "org.tongban.gateway.load.SharingLoadTool");
        for (String name : named) {
            assertHasMain(name);
        }
    }

    private static void assertHasMain(String className) throws Exception {
        Method main = Class.forName(className).getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).as(className + ".main is static").isTrue();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<" + name + "> under <" + parent.getTagName() + ">").hasSize(1);
        return found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                out.add((Element) n);
            }
        }
        return out;
    }

    private static String text(Element e) {
        return e.getTextContent().trim();
    }
}
